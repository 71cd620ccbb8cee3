// Errors as values: a stable code, a message a user can act on, the JSON-pointer path of
// the offending field. One table maps codes to HTTP statuses; one handler writes them, in the
// request's language (worker/i18n).
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { localeOf } from "../i18n/locale";
import { inLocale, TextError, type Locale, type Text } from "../i18n/text";
import { OutOfBounds } from "../json/bounds";
import { DeliveryRateLimited, RunQuotaExceeded } from "../runs/errors";

export const errorStatus = {
  invalid_json: 400,
  validation_failed: 400,
  too_deep: 400,
  too_large: 400,
  unauthorized: 401,
  forbidden: 403,
  quota_exceeded: 403,
  not_found: 404,
  conflict: 409,
  no_sample: 409,
  gone: 410,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unprocessable: 422,
  rate_limited: 429,
  internal: 500,
} as const satisfies Record<string, ContentfulStatusCode>;

export type ErrorCode = keyof typeof errorStatus;

/** One problem among several (e.g. every validation error of a bundle), for `error.details`. */
export interface ErrorDetail {
  code: string;
  message: string;
  path: string;
  /** `message` in Russian, when known (bundle validation errors carry it). */
  ru?: string;
}

export class ApiError extends TextError {
  constructor(
    readonly code: ErrorCode,
    message: string | Text,
    readonly path: string = "",
    readonly details?: ErrorDetail[],
    /** For 429: when to try again (sent as Retry-After). */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

/** The API error a thrown value stands for: ours as they are, domain errors (the run intake's, the JSON bounds') mapped here, in one place. */
export function apiErrorOf(err: unknown): ApiError | undefined {
  if (err instanceof ApiError) return err;
  if (err instanceof OutOfBounds) return new ApiError(err.code, err.text, err.path);
  if (err instanceof RunQuotaExceeded) return new ApiError("quota_exceeded", err.text);
  if (err instanceof DeliveryRateLimited) return new ApiError("rate_limited", err.text, "", undefined, err.retryAfterSeconds);
  return undefined;
}

export function errorBody(code: ErrorCode, message: string, path = "", details?: ErrorDetail[]) {
  return { error: details ? { code, message, path, details } : { code, message, path } };
}

export function errorResponse(c: Context, err: ApiError) {
  const locale = localeOf(c);
  const details = err.details?.map((d) => ({ code: d.code, message: detailIn(d, locale), path: d.path }));
  c.header("Vary", "Accept-Language", { append: true });
  if (err.retryAfterSeconds) c.header("Retry-After", String(err.retryAfterSeconds));
  return c.json(errorBody(err.code, inLocale(err.text, locale), err.path, details), errorStatus[err.code]);
}

function detailIn(detail: ErrorDetail, locale: Locale): string {
  return locale === "ru" && detail.ru ? detail.ru : detail.message;
}
