import { describe, expect, it } from "vitest";
import { base64ToBytes, base64ToText, bytesToBase64, textToBase64 } from "../../../worker/bytes/base64";
import { fromBase64Url, toBase64Url } from "../../../worker/bytes/base64url";
import { bytesToHex } from "../../../worker/bytes/hex";
import { randomBase64Url, randomBytes, randomHex } from "../../../worker/bytes/random";
import { sha256Hex } from "../../../worker/bytes/sha256";
import { utf8Bytes, utf8Fits, utf8Length, utf8Prefix, utf8Text } from "../../../worker/bytes/utf8";

const every = Uint8Array.from({ length: 256 }, (_, i) => i);

describe("base64", () => {
  it("round-trips every byte value, padded as RFC 4648 says", () => {
    expect(base64ToBytes(bytesToBase64(every))).toEqual(every);
    expect(bytesToBase64(utf8Bytes("f"))).toBe("Zg==");
    expect(bytesToBase64(utf8Bytes("fo"))).toBe("Zm8=");
    expect(bytesToBase64(utf8Bytes("foo"))).toBe("Zm9v");
  });

  it("encodes text as UTF-8, the same as btoa for ASCII, and round-trips non-ASCII", () => {
    expect(textToBase64("1700000000000:r_abc")).toBe(btoa("1700000000000:r_abc"));
    expect(textToBase64("Связка ✓ 🙂")).toBe("0KHQstGP0LfQutCwIOKckyDwn5mC");
    expect(base64ToText(textToBase64("Связка ✓ 🙂"))).toBe("Связка ✓ 🙂");
  });

  it("encodes large arrays without overflowing the stack", () => {
    const big = Uint8Array.from({ length: 200_000 }, (_, i) => (i * 7) % 256);
    expect(base64ToBytes(bytesToBase64(big))).toEqual(big);
  });

  it("throws on text that is not base64", () => {
    expect(() => base64ToBytes("not base64!")).toThrow();
    expect(() => base64ToText("%%%")).toThrow();
  });
});

describe("base64url", () => {
  it("uses - and _ instead of + and /, and no padding", () => {
    const bytes = Uint8Array.from([0xfb, 0xff, 0xbf, 0xfe]);
    expect(bytesToBase64(bytes)).toBe("+/+//g==");
    expect(toBase64Url(bytes)).toBe("-_-__g");
    expect(fromBase64Url("-_-__g")).toEqual(bytes);
  });

  it("round-trips every byte value and non-ASCII text", () => {
    expect(fromBase64Url(toBase64Url(every))).toEqual(every);
    expect(utf8Text(fromBase64Url(toBase64Url("Привет, мир ✓")))).toBe("Привет, мир ✓");
  });

  it("reads plain base64, padded or not, and refuses other characters", () => {
    expect(fromBase64Url("+/+//g==")).toEqual(Uint8Array.from([0xfb, 0xff, 0xbf, 0xfe]));
    expect(fromBase64Url("Zm8")).toEqual(utf8Bytes("fo"));
    expect(() => fromBase64Url("a.b")).toThrow();
    expect(() => fromBase64Url("ab cd")).toThrow();
  });
});

describe("hex, utf-8, sha-256", () => {
  it("writes two lower-case digits a byte", () => {
    expect(bytesToHex(Uint8Array.from([0, 1, 0xab, 0xff]))).toBe("0001abff");
    expect(bytesToHex(new Uint8Array([0x10]).buffer)).toBe("10");
  });

  it("round-trips UTF-8 and turns invalid bytes into U+FFFD", () => {
    expect(utf8Bytes("ё")).toEqual(Uint8Array.from([0xd1, 0x91]));
    expect(utf8Text(utf8Bytes("ёжик 🦔"))).toBe("ёжик 🦔");
    expect(utf8Text(Uint8Array.from([0xff]))).toBe("\ufffd");
  });

  it("hashes text as its UTF-8 bytes", async () => {
    expect(await sha256Hex("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(await sha256Hex("ё")).toBe(await sha256Hex(utf8Bytes("ё")));
  });
});

describe("random tokens", () => {
  it("have the promised length and alphabet, and differ each time", () => {
    expect(randomBytes(16)).toHaveLength(16);
    expect(randomBase64Url(24)).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(randomBase64Url(32)).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(randomHex(24)).toMatch(/^[0-9a-f]{48}$/);
    expect(randomBase64Url(24)).not.toBe(randomBase64Url(24));
  });
});

describe("utf-8 lengths", () => {
  const samples = ["", "plain", "Привет, мир", "日本語", "emoji 😀 and 👍🏽", "mixed: é ü ß € 𝄞"];

  it("counts the bytes TextEncoder would write", () => {
    for (const text of samples) expect(utf8Length(text)).toBe(new TextEncoder().encode(text).length);
    // A lone surrogate is written as U+FFFD.
    for (const text of ["a\ud83d", "\ude00b", "\ud83d\ud83d"]) expect(utf8Length(text)).toBe(new TextEncoder().encode(text).length);
  });

  it("tells whether text fits in so many bytes, as its length would", () => {
    for (const text of samples) {
      const length = utf8Length(text);
      for (const max of [0, length - 1, length, length + 1, length * 3]) expect(utf8Fits(text, max)).toBe(length <= max);
    }
  });

  it("cuts text to at most so many bytes, at a character, never inside a surrogate pair", () => {
    for (const text of samples) {
      for (let max = 0; max <= utf8Length(text) + 1; max++) {
        const prefix = utf8Prefix(text, max);
        expect(text.startsWith(prefix)).toBe(true);
        expect(utf8Length(prefix)).toBeLessThanOrEqual(max);
        // The next character would not have fit.
        const next = text.slice(prefix.length, prefix.length + (/[\ud800-\udbff]/.test(text[prefix.length] ?? "") ? 2 : 1));
        if (next) expect(utf8Length(prefix + next)).toBeGreaterThan(max);
        expect(new TextDecoder().decode(new TextEncoder().encode(prefix))).toBe(prefix);
      }
    }
  });
});
