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

/** The length of `text` in UTF-8 bytes, without encoding it. */
export function utf8Length(text: string): number {
  return measure(text, Infinity).bytes;
}

/** Whether `text` is at most `maxBytes` in UTF-8; stops counting once it is over. */
export function utf8Fits(text: string, maxBytes: number): boolean {
  // A UTF-16 unit is 1 to 3 bytes: most texts are decided by their length alone.
  if (text.length * 3 <= maxBytes) return true;
  if (text.length > maxBytes) return false;
  return measure(text, maxBytes).end === text.length;
}

/** The longest start of `text` that is at most `maxBytes` in UTF-8, never cutting a surrogate pair. */
export function utf8Prefix(text: string, maxBytes: number): string {
  return text.slice(0, measure(text, maxBytes).end);
}

/** Walks `text` a code point at a time while it fits in `maxBytes`: where it stopped, and the bytes before. */
function measure(text: string, maxBytes: number): { end: number; bytes: number } {
  let bytes = 0;
  let i = 0;
  while (i < text.length) {
    const unit = text.charCodeAt(i);
    const pair = unit >= 0xd800 && unit <= 0xdbff && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
    // A lone surrogate is written as U+FFFD, 3 bytes, as TextEncoder does.
    const size = unit < 0x80 ? 1 : unit < 0x800 ? 2 : pair ? 4 : 3;
    if (bytes + size > maxBytes) break;
    bytes += size;
    i += pair ? 2 : 1;
  }
  return { end: i, bytes };
}
