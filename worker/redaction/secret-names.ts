// Which names hold secrets: JSON keys, header names and URL query names. One pattern for all
// three; a URL adds short names (`code`, `state`, `key`…) that are credentials in a query
// string (an OAuth callback, an API key parameter) but ordinary data as JSON keys.
const SECRET_NAME = /pass(word)?|secret|token|authorization|api[-_]?key|private[-_]?key|credential|cookie|signature|session/i;
const SECRET_QUERY_NAME = /^(key|code|sig|hash|state)$|auth/i;

/** `password`, `refresh_token`, `X-Hub-Signature`, `session_id`, `Cookie`… */
export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name);
}

/** A query parameter whose value is masked in URLs we log. */
export function isSecretQueryName(name: string): boolean {
  return isSecretName(name) || SECRET_QUERY_NAME.test(name);
}
