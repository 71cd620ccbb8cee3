// Renaming a step in the editor keeps the bundle working: the templates and router jumps
// that name it follow, and nothing else changes (web/src/lib/components/editor/rename-id.ts).
import { describe, expect, it } from "vitest";
import type { Bundle } from "../../../worker/flow";
import { renameId } from "../../../web/src/lib/components/editor/rename-id";
import seedFlow2 from "../../fixtures/spec-examples/sheets-keepincrm-update-or-create.json";
import seedFlow1 from "../../fixtures/spec-examples/vk-amocrm-dedup.json";

const copy = <T>(value: T): T => structuredClone(value);

describe("renameId", () => {
  it("rewrites templates (with filters and spaces) and router jumps, not ids or look-alikes", () => {
    const doc = copy(seedFlow1) as Bundle;
    doc.steps.push({ id: "note", kind: "stop", reason: "{{ by_phone.id }} {{by_phone | default:\"-\"}} {{by_phone_x.id}} by_phone" });
    renameId(doc, "by_phone", "phone_search");
    const text = JSON.stringify(doc);
    expect(text).toContain('"left":"{{phone_search.id}}"');
    expect(doc.steps.at(-1)).toEqual({ id: "note", kind: "stop", reason: '{{ phone_search.id }} {{phone_search | default:"-"}} {{by_phone_x.id}} by_phone' });
    // the step's own id is the caller's to change
    expect(doc.steps[0].id).toBe("by_phone");

    renameId(doc, "add_email", "enrich");
    expect(doc.steps[1]).toMatchObject({ kind: "router", routes: [{ goto: "enrich" }], otherwise: "by_email" });
  });

  it("renaming the trigger follows into nested if/else branches", () => {
    const doc = copy(seedFlow2) as Bundle;
    renameId(doc, "row", "order_row");
    expect(JSON.stringify(doc)).not.toContain("{{row.");
    const alert = JSON.stringify(doc.steps[2]);
    expect(alert).toContain("Order {{order_row.order_id}} was neither updated nor created.");
  });
});
