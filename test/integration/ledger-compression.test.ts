// The ledger keeps long trigger and step-log JSON compressed (db/ledger/columns/compressed-json.ts,
// decision 0032): the API shows the same values as before, and rows written before compression
// (TEXT JSON) still read.
import { describe, expect, it } from "vitest";
import { call } from "./support/api";
import { createBundle, manualBundle } from "./support/bundles";
import { telegramConnection } from "./support/connections";
import { ledgerSql } from "./support/ledger";
import { runBundle } from "./support/runs";
import { signUp } from "./support/workspace";

/** A CRM-like payload: long enough to be compressed, with Cyrillic and nested values. */
const lead = {
  id: 48213,
  name: "Заявка с сайта: Анна Петрова",
  contact: { phone: "+7 912 345-67-89", email: "anna.petrova@example.ru", city: "Екатеринбург" },
  tags: ["сайт", "консультация", "utm:yandex"],
  items: [
    { sku: "KIT-204", title: "Набор для дома", qty: 2, price: 1490.5 },
    { sku: "SRV-11", title: "Доставка", qty: 1, price: 350 },
  ],
  comment: "Перезвонить после 18:00, удобнее WhatsApp",
};

describe("compressed run payloads in the ledger", () => {
  it("a long trigger and step log are stored as BLOBs and read back through the API unchanged", async () => {
    const u = await signUp("ledger-deflate");
    const connection = await telegramConnection(u);
    const text = "Новая заявка: {{lead.name}}, {{lead.contact.phone}}, {{lead.contact.email}}, {{lead.contact.city}}. {{lead.comment}}. Товары: {{lead.items.0.title}} × {{lead.items.0.qty}}";
    const bundleId = await createBundle(u, manualBundle({ name: "Lead", trigger: "lead", steps: [{ id: "say", kind: "action", app: "telegram", action: "send_message", connection, input: { chat_id: "-100500", text } }] }));
    const run = await runBundle(u, bundleId, lead);
    expect(run.status).toBe("success");
    expect(run.trigger).toEqual(lead);
    const [step] = run.steps;
    expect(step.input).toEqual({ chat_id: "-100500", text: `Новая заявка: ${lead.name}, ${lead.contact.phone}, ${lead.contact.email}, ${lead.contact.city}. ${lead.comment}. Товары: Набор для дома × 2` });
    expect(step.output).toMatchObject({ message_id: expect.any(Number) });

    const sizes = await ledgerSql(u.workspaceId, "SELECT typeof(trigger) AS kind, length(trigger) AS bytes FROM run WHERE id = ?", run.id);
    expect(sizes).toEqual([{ kind: "blob", bytes: expect.any(Number) }]);
    expect(sizes[0].bytes).toBeLessThan(new TextEncoder().encode(JSON.stringify(lead)).length);
    const [log] = await ledgerSql(u.workspaceId, "SELECT typeof(input) AS input, typeof(output) AS output FROM step_log WHERE run_id = ?", run.id);
    expect(log.input).toBe("blob");
    // What the API shows for the detail is what a second read shows: nothing is lost in the round trip.
    const again = await call("GET", `/api/v1/w/${u.workspaceId}/runs/${run.id}`, { token: u.token });
    expect(again.json.steps).toEqual(run.steps);
  });

  it("a run and step log written before compression (TEXT JSON) still read", async () => {
    const u = await signUp("ledger-plain");
    const bundleId = await createBundle(u, manualBundle({ name: "Old", steps: [{ id: "done", kind: "stop" }] }));
    const at = Date.now() - 60_000;
    await ledgerSql(u.workspaceId, "INSERT INTO run (id, bundle_id, bundle_version, status, event_key, trigger, created_at, finished_at, touched_at, settled) VALUES ('r_old', ?, 1, 'success', 'e_old', ?, ?, ?, ?, 1)", bundleId, JSON.stringify(lead), at, at, at);
    await ledgerSql(u.workspaceId, "INSERT INTO step_log (run_id, step_id, attempt, seq, status, input, output, notes, started_at, duration_ms) VALUES ('r_old', 'done', 1, 0, 'ok', ?, ?, ?, ?, 5)", JSON.stringify({ text: lead.comment }), JSON.stringify(lead.items), JSON.stringify(["old note"]), at);

    const detail = await call("GET", `/api/v1/w/${u.workspaceId}/runs/r_old`, { token: u.token });
    expect(detail.status).toBe(200);
    expect(detail.json.trigger).toEqual(lead);
    expect(detail.json.steps).toEqual([expect.objectContaining({ id: "done", input: { text: lead.comment }, output: lead.items, notes: ["old note"] })]);
    const list = await call("GET", `/api/v1/w/${u.workspaceId}/runs?bundle_id=${bundleId}`, { token: u.token });
    expect(list.json.items.map((r: { id: string }) => r.id)).toEqual(["r_old"]);
  });
});
