// Headers as shown in a log or a test result: secret-looking ones masked.
import { REDACTED } from "./mask";
import { isSecretName } from "./secret-names";

/** `alsoSecret`: names a service uses for its key that the pattern does not catch. */
export function redactHeaders(headers: Iterable<[string, string]>, alsoSecret: readonly string[] = []): Record<string, string> {
  const extra = new Set(alsoSecret.map((name) => name.toLowerCase()));
  const out: Record<string, string> = {};
  for (const [name, value] of headers) out[name] = isSecretName(name) || extra.has(name.toLowerCase()) ? REDACTED : value;
  return out;
}
