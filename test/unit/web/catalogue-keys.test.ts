// The dashboard's two catalogues say the same things: every English message has its Russian,
// with the same {placeholders}, and the Russian is Russian (not a copy of the English).
import { describe, expect, it } from "vitest";
import { en } from "../../../web/src/lib/i18n/en.ts";
import { ru } from "../../../web/src/lib/i18n/ru.ts";

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("dashboard catalogues", () => {
  it("have the same keys", () => {
    expect(Object.keys(ru).sort()).toEqual(Object.keys(en).sort());
  });

  it("fill the same placeholders in both languages", () => {
    for (const [key, text] of Object.entries(en)) expect(placeholders(ru[key as keyof typeof ru]), key).toEqual(placeholders(text));
  });

  it("translate every message that has words of its own", () => {
    // Names read the same in both languages; any other message without Cyrillic is English
    // left in the Russian catalogue.
    const names = new Set(["Svyazka"]);
    const untranslated = Object.entries(ru).filter(([, text]) => !names.has(text) && !/[а-яё]/i.test(text.replace(/\{\w+\}/g, "")));
    expect(untranslated).toEqual([]);
  });
});
