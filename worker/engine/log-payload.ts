// What goes into a step log: secrets redacted, and large values truncated with a marker
// (never dropped silently) so one chatty API cannot bloat D1.
export const STEP_LOG_CAP_BYTES = 32 * 1024;
const REDACTED = "••••";
const SECRET_KEY = /pass(word)?|secret|token|authorization|api[_-]?key|private[_-]?key|cookie/i;

/**
 * Rebuilds `value` with each string replaced by what `visit` returns for it, told whether the
 * string lies anywhere under a secret-looking key (`password`, `$query.token`, `tokens: […]`).
 */
function mapStrings(value: unknown, visit: (text: string, underSecretKey: boolean) => string): unknown {
  const walk = (v: unknown, underSecretKey: boolean): unknown => {
    if (typeof v === "string") return visit(v, underSecretKey);
    if (Array.isArray(v)) return v.map((item) => walk(item, underSecretKey));
    if (v && typeof v === "object") {
      return Object.fromEntries(Object.entries(v).map(([k, item]) => [k, walk(item, underSecretKey || SECRET_KEY.test(k))]));
    }
    return v;
  };
  return walk(value, false);
}

/** Replaces secret values (and values under secret-looking keys) wherever they occur. */
export function redact(value: unknown, secrets: readonly string[]): unknown {
  const live = secrets.filter((s) => s.length >= 4);
  return mapStrings(value, (text, underSecretKey) =>
    underSecretKey && text ? REDACTED : live.reduce((masked, secret) => masked.split(secret).join(REDACTED), text),
  );
}

/**
 * The values under secret-looking keys of a run's trigger data (a form's `password`, a
 * webhook's `$query.token`): secrets of the run, redacted wherever a step repeats them.
 */
export function secretsUnderKeys(value: unknown): string[] {
  const found: string[] = [];
  mapStrings(value, (text, underSecretKey) => {
    if (underSecretKey) found.push(text);
    return text;
  });
  return found;
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
