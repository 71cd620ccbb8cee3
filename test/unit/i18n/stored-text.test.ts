// Stored texts (decision 0030): a pair goes into a text column as JSON and comes back in the
// reader's language; what was stored before — plain strings — reads as it was written.
import { describe, expect, it } from "vitest";
import { readText, storedText, storeText, wrapText } from "../../../worker/i18n/stored-text";

describe("stored texts", () => {
  const pair = { en: 'Step "a" failed: boom', ru: "Шаг «a» не выполнен: boom" };

  it("a pair stored in a text column is read in either language", () => {
    const stored = storeText(pair);
    expect(readText(stored, "en")).toBe(pair.en);
    expect(readText(stored, "ru")).toBe(pair.ru);
  });

  it("a pair kept as an object (a JSON column's item) is read the same way", () => {
    expect(readText(pair, "ru")).toBe(pair.ru);
  });

  it("older rows and plain words are shown as written, in every language", () => {
    for (const old of ["version 2", "GET https://x.example/ → 200 in 16 ms", '{"en": 1}', '{"en":"only english"}', '{"en":"a","ru":"b","extra":1}', "{not json"]) {
      expect(storeText(old)).toBe(old);
      expect(readText(old, "ru")).toBe(old);
      expect(readText(old, "en")).toBe(old);
    }
    expect(storedText('{"en":"a","ru":"б"}')).toEqual({ en: "a", ru: "б" });
  });

  it("wraps a message in each language's own words", () => {
    const wrapped = wrapText({ en: "boom", ru: "бум" }, (inner, locale) => (locale === "ru" ? `Ошибка: ${inner}` : `Error: ${inner}`));
    expect(wrapped).toEqual({ en: "Error: boom", ru: "Ошибка: бум" });
    expect(wrapText("raw", (inner, locale) => `${locale}:${inner}`)).toEqual({ en: "en:raw", ru: "ru:raw" });
  });
});
