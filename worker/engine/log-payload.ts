// What goes into a step log: secrets redacted (redaction/), and large values truncated with a
// marker (never dropped silently) so one chatty API cannot bloat D1.
import { utf8Length, utf8Prefix } from "../bytes/utf8";
import { redactJson } from "../redaction/json";

export const STEP_LOG_CAP_BYTES = 32 * 1024;

/** Keeps values up to the cap (UTF-8 bytes of their JSON); larger ones become {$truncated, bytes, preview}. */
export function capForLog(value: unknown, capBytes = STEP_LOG_CAP_BYTES): unknown {
  if (value === undefined) return null;
  const json = JSON.stringify(value);
  // A UTF-16 unit is at most 3 bytes: most values are measured by their length alone.
  if (json === undefined || json.length * 3 <= capBytes) return value;
  const bytes = utf8Length(json);
  if (bytes <= capBytes) return value;
  return { $truncated: true, bytes, preview: utf8Prefix(json, capBytes) };
}

export function forLog(value: unknown, secrets: readonly string[]): unknown {
  return capForLog(redactJson(value, secrets));
}
