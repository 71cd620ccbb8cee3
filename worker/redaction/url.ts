// A URL as logged: secret-looking query values, user:password and Telegram's `/bot<token>/` masked.
import { REDACTED } from "./mask";
import { isSecretQueryName } from "./secret-names";

export function redactUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url.replace(/\/bot[^/]+/, `/bot${REDACTED}`);
  }
  if (parsed.username || parsed.password) {
    parsed.username = REDACTED;
    parsed.password = "";
  }
  parsed.pathname = parsed.pathname.replace(/^\/bot[^/]+/, `/bot${REDACTED}`);
  for (const name of new Set(parsed.searchParams.keys())) {
    if (isSecretQueryName(name)) parsed.searchParams.set(name, REDACTED);
  }
  try {
    return decodeURI(parsed.href);
  } catch {
    return parsed.href;
  }
}
