// Known secret values masked out of free text (an error message, a stack, a log line).
import { REDACTED } from "./mask";

// Shorter values would mask ordinary words and digits out of the text around them.
const MIN_SECRET_LENGTH = 4;

export function liveSecrets(secrets: readonly string[]): string[] {
  return secrets.filter((s) => s.length >= MIN_SECRET_LENGTH);
}

/** Every occurrence of each secret value (4 characters or more) becomes the mask. */
export function redactText(text: string, secrets: readonly string[]): string {
  return liveSecrets(secrets).reduce((masked, secret) => masked.split(secret).join(REDACTED), text);
}

/**
 * An error's message or stack for the log: the secrets masked, and the "params: …" line a
 * failed query's message carries (drizzle puts its bound values there: users' data, tokens).
 */
export function redactErrorText(text: string, secrets: readonly string[]): string {
  return redactText(text.replace(/^params: .*$/gm, `params: ${REDACTED}`), secrets);
}
