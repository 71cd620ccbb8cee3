// Workspace API keys: `svk_` + 32 random bytes (base64url). High entropy, so a plain
// SHA-256 is enough to store them; a slow hash would only burn CPU on every request.
import { randomBase64Url } from "../bytes/random";

export const API_KEY_PREFIX = "svk_";

export function generateApiKey(): { key: string; prefix: string } {
  const key = API_KEY_PREFIX + randomBase64Url(32);
  return { key, prefix: key.slice(0, 12) };
}

export function looksLikeApiKey(token: string): boolean {
  return token.startsWith(API_KEY_PREFIX);
}
