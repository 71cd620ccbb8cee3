// SHA-256 of text (as UTF-8) or bytes, from WebCrypto.
import { bytesToHex } from "./hex.ts";
import { utf8Bytes } from "./utf8.ts";

export async function sha256(data: string | Uint8Array<ArrayBuffer>): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array(await crypto.subtle.digest("SHA-256", typeof data === "string" ? utf8Bytes(data) : data));
}

/** 64 lower-case hex digits. */
export async function sha256Hex(data: string | Uint8Array<ArrayBuffer>): Promise<string> {
  return bytesToHex(await sha256(data));
}
