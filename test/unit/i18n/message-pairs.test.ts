// Every message the API can answer with in Russian really has its Russian: each { en, ru } pair
// written in worker/ has both texts, and each message a zod schema declares has a catalogue line.
import { describe, expect, it } from "vitest";
import { schemaMessageInRussian } from "../../../worker/i18n/schema-messages";

const sources = import.meta.glob<string>("../../../worker/**/*.ts", { query: "?raw", import: "default", eager: true });
// Connector connection fields are checked in worker/connections/, not translated yet (follow-up).
const translated = Object.entries(sources).filter(([file]) => !file.includes("/worker/connectors/"));

const literal = String.raw`(?:"(?:[^"\\]|\\.)*"|\x60(?:[^\x60\\]|\\.)*\x60)`;
const pairPattern = new RegExp(String.raw`\{\s*en:\s*(${literal}),\s*ru:\s*(${literal}),?\s*\}`, "g");
// { message: "…" }, { error: '…' } and { error: (issue) => `…${…}…` } (the quoted input becomes "x").
const declaredPattern = /\{\s*(?:message|error):\s*(?:\(\w*\)\s*=>\s*)?("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`(?:[^`\\]|\\.)*`)/g;
const cyrillic = /[а-яё]/i;

const pairs = translated.flatMap(([file, text]) => [...text.matchAll(pairPattern)].map((m) => ({ file, en: m[1].slice(1, -1), ru: m[2].slice(1, -1) })));

describe("message pairs", () => {
  it("are found across the API (auth, members, bundles, validation, quotas…)", () => {
    const files = new Set(pairs.map((p) => p.file.replace(/^.*\/worker\//, "")));
    for (const file of ["http/access.ts", "routes/members.ts", "routes/auth.ts", "quotas/enforce.ts", "flow/validate.ts", "flow/schema-errors.ts", "flow/template.ts"]) {
      expect(files, file).toContain(file);
    }
    expect(pairs.length).toBeGreaterThan(60);
  });

  it("each has a non-empty English and a Russian that is Russian", () => {
    for (const { file, en, ru } of pairs) {
      expect(en.trim(), `${file}: ${ru}`).not.toBe("");
      expect(ru.trim(), `${file}: ${en}`).not.toBe("");
      // Words of its own are Russian; a pair made only of other messages (${first.ru}) is checked there.
      const words = ru.replace(/\$\{[^}]*\}/g, "");
      if (/\p{L}/u.test(words)) expect(words, `${file}: ${en}`).toMatch(cyrillic);
    }
  });

  it("the Russian quotes names with «ёлочки», not straight quotes around an interpolation", () => {
    for (const { file, ru } of pairs) expect(ru, file).not.toMatch(/"\$\{/);
  });
});

describe("messages declared in zod schemas", () => {
  it("each has its Russian in the catalogue", () => {
    const declared = translated.flatMap(([file, text]) => [...text.matchAll(declaredPattern)].map((m) => ({ file, en: m[1].slice(1, -1).replace(/\$\{[^}]*\}/g, "x") })));
    expect(declared.length).toBeGreaterThan(20);
    for (const { file, en } of declared) expect(schemaMessageInRussian(en) ?? "", `${file}: ${en}`).toMatch(cyrillic);
  });
});
