// Every template of the gallery is a bundle/1 document the validator accepts against the real
// connector catalogue, once each placeholder stands for a connection of the app it declares;
// it declares exactly the placeholders its document uses, and has its words in en and ru — the
// document's own texts too, with the same steps in both.
import { describe, expect, it } from "vitest";
import { BUNDLE_TEMPLATES, localizedTemplate } from "../../../worker/bundle-templates";
import { connectionRefs } from "../../../worker/bundles/connection-refs";
import { catalogueForValidation } from "../../../worker/bundles/validation-context";
import { validateBundle, type ValidationContext } from "../../../worker/flow";
import vkAmo from "../../fixtures/spec-examples/vk-amocrm-dedup.json";
import sheetsKeepin from "../../fixtures/spec-examples/sheets-keepincrm-update-or-create.json";

function contextFor(connections: ReadonlyArray<{ placeholder: string; app: string }>): ValidationContext {
  const apps = new Map(connections.map((c) => [c.placeholder, c.app]));
  return { catalogue: catalogueForValidation, connections: { appOf: (id) => apps.get(id) } };
}

const LOCALES = ["en", "ru"] as const;

/** The steps' kinds, apps, actions and connections: what must not differ between languages. */
const shape = (steps: unknown) => JSON.stringify(steps, (key, value) => (key === "input" || key === "options" ? undefined : value));

describe.each(BUNDLE_TEMPLATES.map((t) => [t.id, t] as const))("template %s", (_, template) => {
  it.each(LOCALES)("validates in %s against the catalogue with its placeholders as connections of their apps", (locale) => {
    const result = validateBundle(template.document(locale), contextFor(template.connections));
    expect(result.ok ? [] : result.errors).toEqual([]);
  });

  it.each(LOCALES)("declares exactly the placeholders its document in %s uses", (locale) => {
    expect(template.connections.map((c) => c.placeholder).sort()).toEqual(connectionRefs(template.document(locale)).sort());
  });

  it("is refused when a placeholder stands for a connection of another app", () => {
    const wrong = template.connections.map((c) => ({ ...c, app: c.app === "telegram" ? "gmail" : "telegram" }));
    expect(validateBundle(template.document("en"), contextFor(wrong)).ok).toBe(false);
  });

  it("has the same trigger and steps in both languages, only their texts differ", () => {
    const [en, ru] = LOCALES.map((locale) => template.document(locale));
    expect(shape(ru.steps)).toBe(shape(en.steps));
    expect({ ...ru.trigger, options: undefined }).toEqual({ ...en.trigger, options: undefined });
  });

  it("has a title and a description in English and Russian, and the title names the bundle", () => {
    for (const locale of ["en", "ru"] as const) {
      const shown = localizedTemplate(template, locale);
      expect(shown.title.length).toBeGreaterThan(3);
      expect(shown.description.length).toBeGreaterThan(10);
      expect(shown.document.name).toBe(shown.title);
    }
    expect(template.title.ru).not.toBe(template.title.en);
    expect(template.description.ru).not.toBe(template.description.en);
  });
});

describe("the gallery", () => {
  it("has unique ids", () => {
    const ids = BUNDLE_TEMPLATES.map((t) => t.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it.each([
    ["vk-lead-amocrm-contact", vkAmo],
    ["sheets-rows-keepincrm-order", sheetsKeepin],
  ])("offers the seed flow %s with the spec example's steps and trigger", (id, example) => {
    const template = BUNDLE_TEMPLATES.find((t) => t.id === id)!;
    const { trigger, steps } = template.document("en") as unknown as typeof example;
    // The user fills in their spreadsheet; the alert goes to the chat linked to the connection.
    expect(trigger.app).toBe(example.trigger.app);
    expect(trigger.event).toBe(example.trigger.event);
    expect(JSON.stringify(steps).replace(/"chat_id":"-100123",/, "")).toBe(JSON.stringify(example.steps).replace(/"chat_id":"-100123",/, ""));
  });

  it("offers a webhook → Telegram, a form → Google Sheets and an event → Gmail bundle", () => {
    const kinds = BUNDLE_TEMPLATES.map((t) => `${t.document("en").trigger.app}→${t.connections.map((c) => c.app).join("+")}`);
    expect(kinds).toEqual(expect.arrayContaining(["webhook→telegram", "webhook→google_sheets", "webhook→gmail"]));
  });
});
