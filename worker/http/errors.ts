// Thrown errors as HTTP answers, in one place: app.onError. A domain error (worker/errors) gives
// the code, message and path; one table maps codes to statuses; the message is written in the
// request's language (worker/i18n). Anything else is a bug: 500 with an error id.
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { internalError } from "../observability/internal-error";
import { DomainError, Internal, InvalidJson, RateLimited, UnsupportedMediaType, type ErrorCode, type ErrorDetail } from "../errors";
import { localeOf } from "../i18n/locale";
import { inLocale, type Locale } from "../i18n/text";

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
} as const satisfies Record<ErrorCode, ContentfulStatusCode>;

/** The app's error handler: every error answer is written here, webhook doors included. */
export function answerError(err: Error, c: Context): Response {
  if (err instanceof HTTPException && err.status !== 400 && err.status !== 415) return err.getResponse();
  return errorResponse(c, asDomainError(err, c));
}

function asDomainError(err: Error, c: Context): DomainError {
  if (err instanceof DomainError) return err;
  // The JSON validator's refusals: a body that does not parse (400); one not declared JSON (415:
  // another Content-Type, or none with a body).
  if (err instanceof HTTPException && err.status === 400) return new InvalidJson({ en: "The body is not valid JSON.", ru: "Тело запроса — не правильный JSON." });
  if (err instanceof HTTPException) {
    return new UnsupportedMediaType({ en: "Send the body as JSON, with Content-Type: application/json.", ru: "Отправьте тело запроса как JSON, с заголовком Content-Type: application/json." });
  }
  return new Internal(internalError(err, `${c.req.method} ${new URL(c.req.url).pathname}`).text);
}

function errorResponse(c: Context, err: DomainError): Response {
  const locale = localeOf(c);
  const message = inLocale(err.text, locale);
  const details = err.details?.map((d) => ({ code: d.code, message: detailIn(d, locale), path: d.path }));
  c.header("Vary", "Accept-Language", { append: true });
  if (err instanceof RateLimited) c.header("Retry-After", String(err.retryAfterSeconds));
  const error = details ? { code: err.code, message, path: err.path, details } : { code: err.code, message, path: err.path };
  return c.json({ error }, errorStatus[err.code]);
}

function detailIn(detail: ErrorDetail, locale: Locale): string {
  return locale === "ru" && detail.ru ? detail.ru : detail.message;
}
