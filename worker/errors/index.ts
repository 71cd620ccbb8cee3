// Every refusal the API answers with, as a typed error the domain throws: a stable code, a
// message a user can act on (a { en, ru } pair, or English only), and the JSON pointer of the
// offending field. Nothing here knows HTTP: app.onError (worker/http/errors.ts) maps the code to a
// status and writes the answer, in one place. A leaf: it imports nothing of ours but i18n's text.
import { TextError, type Text } from "../i18n/text";

export type ErrorCode =
  | "invalid_json"
  | "validation_failed"
  | "too_deep"
  | "too_large"
  | "unauthorized"
  | "forbidden"
  | "quota_exceeded"
  | "not_found"
  | "conflict"
  | "no_sample"
  | "gone"
  | "payload_too_large"
  | "unsupported_media_type"
  | "unprocessable"
  | "rate_limited"
  | "internal";

/** One problem among several (e.g. every validation error of a bundle), for `error.details`. */
export interface ErrorDetail {
  code: string;
  message: string;
  path: string;
  /** `message` in Russian, when known (bundle validation errors carry it). */
  ru?: string;
}

export abstract class DomainError extends TextError {
  abstract readonly code: ErrorCode;

  constructor(
    text: string | Text,
    /** The JSON pointer of the offending field; empty when no single field is at fault. */
    readonly path = "",
    readonly details?: ErrorDetail[],
  ) {
    super(text);
  }
}

/** The body is not JSON. */
export class InvalidJson extends DomainError {
  readonly code = "invalid_json";
}

/** A field is missing or wrong. */
export class ValidationFailed extends DomainError {
  readonly code = "validation_failed";
}

/** No credentials, or ones that are unknown, expired or wrong. */
export class Unauthorized extends DomainError {
  readonly code = "unauthorized";
}

/** The caller is known but may not do this. */
export class Forbidden extends DomainError {
  readonly code = "forbidden";
}

/** A workspace limit would be passed (worker/quotas). */
export class QuotaExceeded extends DomainError {
  readonly code = "quota_exceeded";
}

/** No such object, or it belongs to a workspace the caller is not in. */
export class NotFound extends DomainError {
  readonly code = "not_found";
}

/** The request clashes with what is stored (a taken email, the last owner, a run still going). */
export class Conflict extends DomainError {
  readonly code = "conflict";
}

/** A trigger's source has no sample yet to test with. */
export class NoSample extends DomainError {
  readonly code = "no_sample";
}

/** It was there and is no longer usable: an expired share link, a bundle turned off. */
export class Gone extends DomainError {
  readonly code = "gone";
}

export class PayloadTooLarge extends DomainError {
  readonly code = "payload_too_large";
}

/** A body sent as something other than JSON. */
export class UnsupportedMediaType extends DomainError {
  readonly code = "unsupported_media_type";
}

/** Well-formed, but the service it names refused it (e.g. a Telegram bot token). */
export class Unprocessable extends DomainError {
  readonly code = "unprocessable";
}

/** Too many requests; try again after `retryAfterSeconds`. */
export class RateLimited extends DomainError {
  readonly code = "rate_limited";

  constructor(
    text: string | Text,
    readonly retryAfterSeconds: number,
  ) {
    super(text);
  }
}

/** Our fault: the text says so and gives the error id of the log line (worker/observability/internal-error.ts). */
export class Internal extends DomainError {
  readonly code = "internal";
}
