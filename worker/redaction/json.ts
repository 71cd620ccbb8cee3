// Secrets masked out of a JSON value, however deep: every string under a secret-looking key,
// and every occurrence of a known secret value anywhere else.
import { REDACTED } from "./mask";
import { isSecretName } from "./secret-names";
import { redactText } from "./text";

/**
 * Rebuilds `value` with each string replaced by what `visit` returns for it, told whether the
 * string lies anywhere under a secret-looking key (`password`, `$query.token`, `tokens: […]`).
 */
function mapStrings(value: unknown, visit: (text: string, underSecretKey: boolean) => string): unknown {
  const walk = (v: unknown, underSecretKey: boolean): unknown => {
    if (typeof v === "string") return visit(v, underSecretKey);
    if (Array.isArray(v)) return v.map((item) => walk(item, underSecretKey));
    if (v && typeof v === "object") {
      return Object.fromEntries(Object.entries(v).map(([k, item]) => [k, walk(item, underSecretKey || isSecretName(k))]));
    }
    return v;
  };
  return walk(value, false);
}

/** A copy of `value` with the secret values (and the values under secret-looking keys) masked. */
export function redactJson<T>(value: T, secrets: readonly string[] = []): T {
  return mapStrings(value, (text, underSecretKey) => (underSecretKey && text ? REDACTED : redactText(text, secrets))) as T;
}

/**
 * The values under secret-looking keys (a form's `password`, a webhook's `$query.token`): to
 * be masked wherever something else repeats them.
 */
export function secretsUnderKeys(value: unknown): string[] {
  const found: string[] = [];
  mapStrings(value, (text, underSecretKey) => {
    if (underSecretKey) found.push(text);
    return text;
  });
  return found;
}
