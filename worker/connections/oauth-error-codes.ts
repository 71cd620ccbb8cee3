// Why an OAuth connect failed, as the callback tells the dashboard (`?oauth_error=<code>`): a
// closed list, so nothing but our own words is shown on our origin; the dashboard words each
// code in the user's language (web/src/lib/i18n), and the service's own words go to the log.
export const OAUTH_ERROR_CODES = [
  /** The consent took longer than the state lives (10 minutes). */
  "expired",
  /** The state was used already (a reload, a second tab). */
  "used",
  /** The service says access was not granted (the user declined, or the service refused). */
  "denied",
  /** The service came back without a code. */
  "no_code",
  /** The user may no longer add connections in the workspace. */
  "not_editor",
  /** The service refused to trade the code for tokens (a wrong client secret, say). */
  "refused",
] as const;

export type OAuthErrorCode = (typeof OAUTH_ERROR_CODES)[number];

export function isOAuthErrorCode(value: unknown): value is OAuthErrorCode {
  return OAUTH_ERROR_CODES.includes(value as OAuthErrorCode);
}
