// What goes into a step log: secrets redacted, and large values truncated with a marker
// (never dropped silently) so one chatty API cannot bloat D1.
export const STEP_LOG_CAP_BYTES = 32 * 1024;
const REDACTED = "••••";
const SECRET_KEY = /pass(word)?|secret|token|authorization|api[_-]?key|private[_-]?key|cookie/i;

/** Replaces secret values (and values under secret-looking keys) wherever they occur. */
export function redact(value: unknown, secrets: readonly string[]): unknown {
  const live = secrets.filter((s) => s.length >= 4);
  const walk = (v: unknown, key?: string): unknown => {
    if (typeof v === "string") {
      if (key && SECRET_KEY.test(key) && v) return REDACTED;
      return live.reduce((text, secret) => text.split(secret).join(REDACTED), v);
    }
    if (Array.isArray(v)) return v.map((item) => walk(item));
    if (v && typeof v === "object") {
      return Object.fromEntries(Object.entries(v).map(([k, item]) => [k, walk(item, k)]));
    }
    return v;
  };
  return walk(value);
}

/** Keeps values up to the cap; larger ones become {$truncated, bytes, preview}. */
export function capForLog(value: unknown, capBytes = STEP_LOG_CAP_BYTES): unknown {
  if (value === undefined) return null;
  const json = JSON.stringify(value);
  if (json === undefined || json.length <= capBytes) return value;
  return { $truncated: true, bytes: json.length, preview: json.slice(0, capBytes) };
}

export function forLog(value: unknown, secrets: readonly string[]): unknown {
  return capForLog(redact(value, secrets));
}
