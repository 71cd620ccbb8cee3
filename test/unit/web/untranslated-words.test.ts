// The filter of the Russian-throughout browser test (test/e2e/russian-throughout.test.ts) must
// be able to fail: English is flagged, Russian with names, ids and user data is not.
import { describe, expect, it } from "vitest";
import { untranslatedWords } from "../../e2e/support/untranslated.ts";

describe("untranslatedWords", () => {
  it("flags English left on a Russian page", () => {
    expect(untranslatedWords("Настройки\nSave changes\nОтмена")).toEqual(["Save", "changes"]);
    expect(untranslatedWords("Шаг 2 из 3 · Step failed: retry later")).toEqual(["Step", "failed", "retry", "later"]);
    expect(untranslatedWords("GET https://example.com/x → 200 in 16 ms")).toEqual(["in", "ms"]);
  });

  it("leaves out names of services, user data, addresses, templates and ids", () => {
    const text = "Связка «Lead to CRM» · Telegram: Отправить сообщение · {{hook.name}} · anna@example.com · bnd_3f9 · Europe/Moscow · GET https://example.com → 200 за 16 мс · Svyazka · Весь скачанный .json-файл · Австрия (AT) · ответ «ok»\nAmerica/Buenos Aires";
    expect(untranslatedWords(text, ["Lead to CRM"])).toEqual([]);
  });

  it("removes user data as whole phrases only", () => {
    expect(untranslatedWords("Lead to CRM: Lead", ["Lead to CRM"])).toEqual(["Lead"]);
  });
});
