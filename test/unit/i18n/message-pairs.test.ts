// Every message the API can answer with in Russian really has its Russian: each { en, ru } pair
// written in worker/ has both texts, and each message a zod schema declares has a catalogue line.
import { describe, expect, it } from "vitest";
import { schemaMessageInRussian } from "../../../worker/i18n/schema-messages";

const sources = import.meta.glob<string>("../../../worker/**/*.ts", { query: "?raw", import: "default", eager: true });
const translated = Object.entries(sources);

const literal = String.raw`(?:"(?:[^"\\]|\\.)*"|\x60(?:[^\x60\\]|\\.)*\x60)`;
const pairPattern = new RegExp(String.raw`\{\s*en:\s*(${literal}),\s*ru:\s*(${literal}),?\s*\}`, "g");
// { message: "…" }, { error: '…' } and { error: (issue) => `…${…}…` } (the quoted input becomes "x"),
// and the message given as .regex(/…/, "…")'s second argument.
const declaredPattern = /(?:\{\s*(?:message|error):\s*(?:\(\w*\)\s*=>\s*)?|\.regex\(\/(?:[^/\\\n]|\\.)+\/\w*,\s*)("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`(?:[^`\\]|\\.)*`)/g;
const cyrillic = /[а-яё]/i;

const pairs = translated.flatMap(([file, text]) => [...text.matchAll(pairPattern)].map((m) => ({ file, en: m[1].slice(1, -1), ru: m[2].slice(1, -1) })));

describe("message pairs", () => {
  it("are found across the API (auth, members, bundles, validation, quotas…)", () => {
    const files = new Set(pairs.map((p) => p.file.replace(/^.*\/worker\//, "")));
    const areas = ["http/access.ts", "routes/members.ts", "routes/auth.ts", "quotas/enforce.ts", "flow/validate.ts", "flow/schema-errors.ts", "flow/template.ts"];
    const connections = ["routes/connections.ts", "routes/connection-oauth.ts", "connections/connection-fields.ts", "connectors/fields.ts", "connectors/http-client.ts", "connectors/telegram/client.ts"];
    for (const file of [...areas, ...connections, "http/rate-limits.ts", "schedule/trigger-sample.ts"]) {
      expect(files, file).toContain(file);
    }
    expect(pairs.length).toBeGreaterThan(60);
  });

  it("each has a non-empty English and a Russian that is Russian", () => {
    for (const { file, en, ru } of pairs) {
      expect(en.trim(), `${file}: ${ru}`).not.toBe("");
      expect(ru.trim(), `${file}: ${en}`).not.toBe("");
      // Words of its own are Russian; a pair made only of other messages (${first.ru}) is checked there,
      // and a Russian the same as the English is a name (a connector called "amoCRM", "HTML").
      const words = ru.replace(/\$\{[^}]*\}/g, "");
      if (ru === en) continue;
      if (/\p{L}/u.test(words)) expect(words, `${file}: ${en}`).toMatch(cyrillic);
    }
  });

  it("connectors raise their own words as pairs, run-time errors included", () => {
    // A ConnectorError's `text` reaches a person in the connection test, OAuth and chat linking,
    // and in the run log, which keeps both languages and shows the reader's (decision 0030).
    // The service's own words are quoted inside pairs.
    const plain = translated
      .filter(([file, text]) => /\/worker\/(connectors|dedup|schedule|connections)\//.test(file) && /new (?:Connector|Telegram)Error\(\s*["'\x60]/.test(text))
      .map(([file]) => file.replace(/^.*\/worker\//, ""));
    expect(plain).toEqual([]);
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
