// Unexpected errors (bugs, D1 and storage failures), the one place they become words for users:
// a run's error, a step's error and a bundle's pause reason are read by every member (viewers
// too), and an API answer by anyone. They get a short message with an error id; the detail
// (stack, SQL) goes to the log under that id, with query parameters and secrets masked. Domain
// errors (a ConnectorError, a DomainError, a step's verdict) keep their own words.
import type { Text } from "../i18n/text";
import { logEvent } from "./log";
import { redactErrorText } from "../redaction/text";

export interface InternalError {
  /** Quoted to support; finds the log line. */
  id: string;
  /** For the user: that it is our fault, and the id. */
  text: Text;
}

/** Logs `err` (masked) under a new error id, as an `internal_error` line; `where` is for the log only. */
export function internalError(err: unknown, where: string, secrets: readonly string[] = []): InternalError {
  const id = crypto.randomUUID().replaceAll("-", "").slice(0, 12);
  logEvent("error", "internal_error", { error_id: id, where, detail: detailOf(err, secrets) });
  return {
    id,
    text: {
      en: `Something went wrong on our side (error id ${id}). Try again; if it keeps happening, tell us this id.`,
      ru: `Что-то сломалось на нашей стороне (код ошибки ${id}). Попробуйте ещё раз; если ошибка повторяется, сообщите нам этот код.`,
    },
  };
}

/** The stack and its causes, with the values of a failed query (drizzle's `params`) and the secrets masked. */
function detailOf(err: unknown, secrets: readonly string[]): string {
  const lines: string[] = [];
  const masked = [...secrets];
  for (let e: unknown = err, depth = 0; e !== undefined && depth < 5; depth++) {
    if (!(e instanceof Error)) {
      lines.push(String(e));
      break;
    }
    const params = (e as { params?: unknown }).params;
    if (Array.isArray(params)) masked.push(...params.map(String));
    lines.push(depth ? `caused by: ${e.stack ?? e.message}` : (e.stack ?? e.message));
    e = e.cause;
  }
  return redactErrorText(lines.join("\n"), masked);
}
