// "Load test data" for every trigger in the catalogue: one real sample from the source, stored
// as the bundle's test data; 409 no_sample while the source has nothing. A Sheets sample does
// not move the poll's cursor.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { catalogueJson } from "../../worker/connectors/catalogue";
import { call } from "./support/api";
import { createBundle, enableBundle, enableWebhook, manualBundle, scheduleBundle, vkLeadBundle, webhookBundle } from "./support/bundles";
import { vkConnection } from "./support/connections";
import { forceRun, waitForRun } from "./support/runs";
import { sheetBundle, storedCursor } from "./support/sheets";
import { apiKey, signUp, type User } from "./support/workspace";

const load = (u: User, id: string, token = u.token) => call("POST", `/api/v1/w/${u.workspaceId}/bundles/${id}/test-data/load`, { token });

async function storedTestData(id: string) {
  const row = await env.DB.prepare("SELECT test_data FROM bundle WHERE id = ?").bind(id).first<{ test_data: string | null }>();
  return row?.test_data ? JSON.parse(row.test_data) : null;
}

const deliver = (path: string, body: unknown) => call("POST", path, { body });

describe("load test data", () => {
  it("covers every trigger in the catalogue (this file tests each one below)", () => {
    const triggers = catalogueJson().apps.flatMap((a) => a.triggers.map((t) => `${a.app}.${t.event}`));
    expect(triggers.sort()).toEqual(["bundle.finished", "google_sheets.new_rows", "manual.run", "schedule.tick", "vk.lead_form", "webhook.catch"]);
  });

  it("Google Sheets: the last data row by header (ragged cells as \"\"), cursor untouched", async () => {
    const u = await signUp("sample-sheet");
    const { id, addRows } = await sheetBundle(u, [["order_id", "title", "total"], ["1", "First", "10"]]);
    await call("POST", `/api/v1/w/${u.workspaceId}/bundles/${id}/run`, { token: u.token, body: {} }); // primes
    const cursor = await storedCursor(id);
    await addRows([["2", "Second", "20"], [], ["3", "Ragged"]]);

    const res = await load(u, id);
    expect(res.status).toBe(200);
    expect(res.json.test_data).toEqual({ order_id: "3", title: "Ragged", total: "", row_number: 5 });
    expect(res.json.source).toContain("row 5");
    expect(await storedTestData(id)).toEqual(res.json.test_data);
    expect(await storedCursor(id)).toEqual(cursor);
    // The rows are still new for the poll.
    const polled = await call("POST", `/api/v1/w/${u.workspaceId}/bundles/${id}/run`, { token: u.token, body: {} });
    expect(polled.json.run_ids).toHaveLength(2);
  });

  it("Google Sheets with only a header: 409 no_sample, nothing stored", async () => {
    const u = await signUp("sample-empty");
    const { id } = await sheetBundle(u, [["order_id", "title"]]);
    const res = await load(u, id);
    expect(res.status).toBe(409);
    expect(res.json.error.code).toBe("no_sample");
    expect(res.json.error.message).toMatch(/no data rows/);
    expect(await storedTestData(id)).toBeNull();
  });

  it("webhook: the last delivery, not a manual run", async () => {
    const u = await signUp("sample-hook");
    const id = await createBundle(u, webhookBundle({ steps: [{ id: "s", kind: "stop" }] }));
    const empty = await load(u, id);
    expect(empty.status).toBe(409);
    expect(empty.json.error).toMatchObject({ code: "no_sample", path: "/trigger" });
    const path = await enableWebhook(u, id);
    await deliver(path, { order_id: 1 });
    await deliver(path, { order_id: 2, customer: { phone: "+79120001122" } });
    await forceRun(u, id, { order_id: "typed by hand" });
    const res = await load(u, id);
    expect(res.status).toBe(200);
    expect(res.json.test_data).toMatchObject({ order_id: 2, customer: { phone: "+79120001122" }, $method: "POST" });
    expect(await storedTestData(id)).toEqual(res.json.test_data);
  });

  it("VK lead form: the last stored lead", async () => {
    const u = await signUp("sample-vk");
    const connection = await vkConnection(u);
    const id = await createBundle(u, vkLeadBundle(connection, { name: "VK", steps: [{ id: "s", kind: "stop" }] }));
    expect((await load(u, id)).status).toBe(409);
    const path = await enableWebhook(u, id);
    await deliver(path, {
      type: "lead_forms_new",
      group_id: 555,
      secret: "vk-s3cret",
      object: { lead_id: 77, group_id: 555, form_id: 2, form_name: "Form", answers: [{ key: "phone_number", answer: "+79120003344" }] },
    });
    const res = await load(u, id);
    expect(res.json.test_data).toMatchObject({ lead_id: "77", phone: "+79120003344", form_name: "Form" });
  });

  it("schedule: the next scheduled time; manual: the trigger's sample", async () => {
    const u = await signUp("sample-gen");
    const tick = await createBundle(u, scheduleBundle({ every_minutes: 15 }, { name: "Tick", steps: [{ id: "s", kind: "stop" }] }));
    const enabled = await enableBundle(u, tick);
    const res = await load(u, tick);
    expect(res.json.test_data).toEqual({ scheduled_at: enabled.next_run_at });

    const manual = await createBundle(u, manualBundle({ sample: { amount: "5" }, steps: [{ id: "s", kind: "stop" }] }));
    expect((await load(u, manual)).json.test_data).toEqual({ amount: "5" });
    expect(await storedTestData(manual)).toEqual({ amount: "5" });
  });

  it("after another bundle: its last finished run, as chaining passes it", async () => {
    const u = await signUp("sample-chain");
    const a = await createBundle(
      u,
      manualBundle({
        name: "A",
        steps: [
          { id: "check", kind: "filter", when: { left: "{{start.amount}}", op: "gt", right: "0" } },
          { id: "done", kind: "stop", reason: "amount {{start.amount}}" },
        ],
      }),
    );
    const b = await createBundle(u, {
      format: "bundle/1",
      name: "B",
      trigger: { id: "prev", app: "bundle", event: "finished", options: { bundle: a, status: "any" } },
      steps: [{ id: "s", kind: "stop" }],
    });
    const none = await load(u, b);
    expect(none.status).toBe(409);
    expect(none.json.error.message).toMatch(/no finished run/);
    const runId = await forceRun(u, a, { amount: "7" });
    await waitForRun(u, runId);
    const res = await load(u, b);
    expect(res.json.test_data).toEqual({ run_id: runId, bundle_id: a, status: "stopped", error: "amount 7", trigger: { amount: "7" }, steps: { check: { passed: 1 }, done: { reason: "amount 7" } } });
  });

  it("is refused to a viewer", async () => {
    const u = await signUp("sample-viewer");
    const id = await createBundle(u, manualBundle({ sample: { a: 1 } }));
    expect((await load(u, id, await apiKey(u, "viewer"))).status).toBe(403);
    expect(await storedTestData(id)).toBeNull();
  });
});
