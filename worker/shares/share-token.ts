// Share tokens: 24 random bytes, base64url (192 bits, so enumeration is hopeless and a plain
// SHA-256 is enough to store them, as for API keys). Shown once; D1 keeps the hash.
import { randomBase64Url } from "../bytes/random";

export const SHARE_TOKEN_LENGTH = 32;
const SHAPE = /^[A-Za-z0-9_-]{32}$/;

export function generateShareToken(): { token: string; prefix: string } {
  const token = randomBase64Url(24);
  return { token, prefix: token.slice(0, 6) };
}

/** A token that cannot be one of ours is answered without touching D1. */
export function looksLikeShareToken(token: string): boolean {
  return SHAPE.test(token);
}
