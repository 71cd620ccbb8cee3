// One variable syntax: every template a hint shows is written as the editor's variable picker
// writes it, `{{trigger.field}}` for the trigger (the editor's default trigger id) and
// `{{ID.field}}` where the hint explains step ids, and the example works on a real delivery.
import { describe, expect, it } from "vitest";
import { catalogueJson } from "../../../worker/connectors/catalogue";
import { webhookOutput } from "../../../worker/connectors/webhook/delivery";
import { parseTemplate, renderTemplate } from "../../../worker/flow/template";
import { en } from "../../../web/src/lib/i18n/en.ts";
import { ru } from "../../../web/src/lib/i18n/ru.ts";

const DEFAULT_TRIGGER_ID = "trigger";
const PLACEHOLDER_ROOTS = new Set([DEFAULT_TRIGGER_ID, "ID"]);

/** Every `{{…}}` example inside the texts of a JSON value. */
function examplesIn(value: unknown): string[] {
  return [...JSON.stringify(value).matchAll(/\{\{[^{}]*\}\}/g)].map((m) => m[0]);
}

function roots(template: string): string[] {
  return parseTemplate(template).parts.flatMap((part) => (typeof part === "string" ? [] : [part.path[0]]));
}

describe("templates in hints", () => {
  it("root every example in the connector catalogue at the trigger or a named placeholder", () => {
    const examples = examplesIn(catalogueJson());
    expect(examples).toContain("{{trigger.order_id}}");
    for (const example of examples) {
      for (const root of roots(example)) expect(PLACEHOLDER_ROOTS, example).toContain(root);
    }
  });

  it("root every example in the dashboard's texts, English and Russian, the same way", () => {
    const examples = [...examplesIn(en), ...examplesIn(ru)];
    expect(examples).toContain("{{ID.field}}");
    for (const example of examples) {
      for (const root of roots(example)) expect(PLACEHOLDER_ROOTS, example).toContain(root);
    }
  });

  it("the dedup-key hint's example reads the field of a real webhook delivery", async () => {
    const delivery = await webhookOutput(
      new Request("https://svyazka.example/h/x", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ order_id: "A-17", name: "Ann" }) }),
    );
    expect(renderTemplate("{{trigger.order_id}}", { [DEFAULT_TRIGGER_ID]: delivery }).value).toBe("A-17");
  });
});
