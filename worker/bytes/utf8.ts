// UTF-8 text ⇄ bytes. One encoder and one decoder for the Worker: both are stateless.
const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function utf8Bytes(text: string): Uint8Array<ArrayBuffer> {
  // encode() always allocates a fresh ArrayBuffer; the Workers types say ArrayBufferLike.
  return encoder.encode(text) as Uint8Array<ArrayBuffer>;
}

/** Bytes that are not valid UTF-8 become U+FFFD, never an exception. */
export function utf8Text(bytes: Uint8Array | ArrayBuffer): string {
  return decoder.decode(bytes);
}
