// Base64 (RFC 4648 §4, padded) of bytes and of UTF-8 text, on btoa/atob.
import { utf8Bytes, utf8Text } from "./utf8.ts";

export function bytesToBase64(bytes: Uint8Array): string {
  let binary = "";
  // In slices: spreading a large array into fromCharCode overflows the call stack.
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** Throws on text that is not base64. */
export function base64ToBytes(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** The same as btoa for ASCII, and unlike btoa works for any text. */
export function textToBase64(text: string): string {
  return bytesToBase64(utf8Bytes(text));
}

/** Throws on text that is not base64. */
export function base64ToText(text: string): string {
  return utf8Text(base64ToBytes(text));
}
