// The message for the callback's `?oauth_error=<code>`: the worker's closed list of codes, each
// worded in the i18n files; anything else (a hand-made link) gets the general message, never
// the text itself.
import { isOAuthErrorCode } from "../../../../../worker/connections/oauth-error-codes.ts";
import type { MessageKey } from "#lib/i18n/en.ts";

export function oauthErrorKey(code: string): MessageKey {
  return isOAuthErrorCode(code) ? `connections.oauth_error.${code}` : "connections.oauth_error.unknown";
}
