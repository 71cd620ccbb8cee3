// Unguessable values from the platform's CSPRNG (crypto.getRandomValues).
import { toBase64Url } from "./base64url.ts";
import { bytesToHex } from "./hex.ts";

export function randomBytes(length: number): Uint8Array<ArrayBuffer> {
  return crypto.getRandomValues(new Uint8Array(length));
}

/** `length` random bytes as base64url without padding (24 bytes → 32 characters). */
export function randomBase64Url(length: number): string {
  return toBase64Url(randomBytes(length));
}

/** `length` random bytes as hex (24 bytes → 48 characters). */
export function randomHex(length: number): string {
  return bytesToHex(randomBytes(length));
}
