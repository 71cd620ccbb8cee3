// base64url without padding (RFC 4648 §5), as JWTs, Gmail's `raw` and our tokens use it.
// Imports within bytes/ name the .ts file: the test doubles load these files in Node too.
import { base64ToBytes, bytesToBase64 } from "./base64.ts";
import { utf8Bytes } from "./utf8.ts";

/** A string is encoded as its UTF-8 bytes. */
export function toBase64Url(data: Uint8Array | string): string {
  const bytes = typeof data === "string" ? utf8Bytes(data) : data;
  return bytesToBase64(bytes).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** Accepts base64url or base64, padded or not; throws on anything else. */
export function fromBase64Url(text: string): Uint8Array<ArrayBuffer> {
  if (!/^[A-Za-z0-9_+/-]*=*$/.test(text)) throw new Error("not base64url");
  const plain = text.replace(/=+$/, "").replace(/-/g, "+").replace(/_/g, "/");
  return base64ToBytes(plain + "=".repeat((4 - (plain.length % 4)) % 4));
}
