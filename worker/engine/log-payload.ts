// What goes into a step log: secrets redacted (redaction/), and large values truncated with a
// marker (never dropped silently) so one chatty API cannot bloat D1.
import { utf8Fits, utf8Length, utf8Prefix } from "../bytes/utf8";
import { redactJson } from "../redaction/json";

export const STEP_LOG_CAP_BYTES = 32 * 1024;

/** Keeps values up to the cap (UTF-8 bytes of their JSON); larger ones become {$truncated, bytes, preview}. */
export function capForLog(value: unknown, capBytes = STEP_LOG_CAP_BYTES): unknown {
  if (value === undefined) return null;
  const json = JSON.stringify(value);
  if (json === undefined || utf8Fits(json, capBytes)) return value;
  return { $truncated: true, bytes: utf8Length(json), preview: utf8Prefix(json, capBytes) };
}

export function forLog(value: unknown, secrets: readonly string[]): unknown {
  return capForLog(redactJson(value, secrets));
}
