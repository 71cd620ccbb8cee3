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

/** The length of `text` in UTF-8 bytes, without encoding it (a lone surrogate counts 2, not U+FFFD's 3). */
export function utf8Length(text: string): number {
  let bytes = text.length;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) continue;
    // 2 bytes up to U+07FF, 3 above; a surrogate pair (2 units) is 4.
    bytes += unit < 0x800 || (unit >= 0xd800 && unit <= 0xdfff) ? 1 : 2;
  }
  return bytes;
}

/** The longest start of `text` that is at most `maxBytes` in UTF-8, never cutting a surrogate pair. */
export function utf8Prefix(text: string, maxBytes: number): string {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    const pair = unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length;
    const size = unit < 0x80 ? 1 : unit < 0x800 ? 2 : pair ? 4 : 3;
    if (bytes + size > maxBytes) return text.slice(0, i);
    bytes += size;
    if (pair) i++;
  }
  return text;
}
