// Large payloads go to R2 (worker/runs/payloads.ts): a delivery or a step's output over 32 KB
// is kept whole in an R2 object the ledger's row points to; the run, its API view and its
// steps see the whole value; log retention deletes the object with the run. A repeated or
// refused delivery leaves the kept object as it was and nothing of its own.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { call } from "./support/api";
import { createBundle, enableWebhook, webhookBundle } from "./support/bundles";
import { fireLedgerAlarm, ledgerSql } from "./support/ledger";
import { waitForRun } from "./support/runs";
import { signUp } from "./support/workspace";

describe("a delivery larger than the ledger keeps inline", () => {
  it("is stored in R2, shown whole, used by the steps, and deleted with the run by retention", async () => {
    const u = await signUp("payload-r2");
    const ws = `/api/v1/w/${u.workspaceId}`;
    const id = await createBundle(u, webhookBundle({ name: "Big", steps: [{ id: "done", kind: "stop", reason: "{{hook.name}}: {{hook.tag}}" }] }));
    const path = await enableWebhook(u, id);
    const notes = "x".repeat(100_000);
    expect((await call("POST", path, { body: { name: "Anna", tag: "big", notes } })).status).toBe(200);
    const [listed] = (await call("GET", `${ws}/runs?bundle_id=${id}`, { token: u.token })).json.items;
    const run = await waitForRun(u, listed.id);
    expect(run.trigger).toMatchObject({ name: "Anna", notes });
    expect(run.error).toBe("Anna: big");

    const [row] = await ledgerSql(u.workspaceId, "SELECT trigger FROM run WHERE id = ?", run.id);
    const ref = JSON.parse(String(row.trigger));
    expect(ref).toEqual({ $payload: expect.stringMatching(new RegExp(`^runs/${u.workspaceId}/${run.id}/trigger\\.[0-9a-f]{8}$`)), bytes: expect.any(Number) });
    expect(await env.PAYLOADS.head(ref.$payload)).not.toBeNull();

    await ledgerSql(u.workspaceId, "UPDATE run SET created_at = ? WHERE id = ?", Date.now() - 31 * 86_400_000, run.id);
    await ledgerSql(u.workspaceId, "DELETE FROM meta WHERE key = 'retention_at'");
    await fireLedgerAlarm(u.workspaceId);
    expect((await call("GET", `${ws}/runs/${run.id}`, { token: u.token })).status).toBe(404);
    expect(await env.PAYLOADS.head(ref.$payload)).toBeNull();
  });

  it("a step's output over 32 KB is kept in R2 and read back whole by the steps after it", async () => {
    const u = await signUp("payload-step");
    const notes = "y".repeat(60_000);
    const id = await createBundle(
      u,
      webhookBundle({
        name: "Big answer",
        steps: [
          { id: "call", kind: "action", app: "http", action: "request", input: { method: "POST", url: "http://echo.fake/json", body: { notes: "{{hook.notes}}" } } },
          // A step's result is written when the next action starts (the last one's is not needed).
          { id: "next", kind: "action", app: "http", action: "request", input: { method: "GET", url: "http://echo.fake/after" } },
          { id: "done", kind: "stop", reason: "{{call.status}}, {{call.body.notes}}" },
        ],
      }),
    );
    const path = await enableWebhook(u, id);
    expect((await call("POST", path, { body: { notes } })).status).toBe(200);
    const [listed] = (await call("GET", `/api/v1/w/${u.workspaceId}/runs?bundle_id=${id}`, { token: u.token })).json.items;
    const run = await waitForRun(u, listed.id);
    expect(run.error).toBe(`200, ${notes}`);

    // The finish drops a run's step results (a finished run is never resumed); its objects stay
    // listed for retention, and the step's holds the output the next step read.
    const keys = (await ledgerSql(u.workspaceId, "SELECT key FROM payload WHERE run_id = ?", run.id)).map((r) => String(r.key));
    const stepKeys = keys.filter((k) => !k.includes("/trigger."));
    expect(keys).toHaveLength(2);
    expect(stepKeys).toHaveLength(1);
    expect(((await (await env.PAYLOADS.get(stepKeys[0]))!.json()) as { output: { body: unknown } }).output.body).toEqual({ notes });
  });

  it("a repeated delivery keeps the first one's data, and a refused one leaves nothing in R2", async () => {
    const u = await signUp("payload-repeat");
    await env.DB.prepare("INSERT INTO workspace_quota (workspace_id, runs_per_month) VALUES (?, 1)").bind(u.workspaceId).run();
    const id = await createBundle(u, webhookBundle({ name: "Big", steps: [{ id: "done", kind: "stop", reason: "{{hook.name}}" }] }));
    const path = await enableWebhook(u, id);
    const big = (name: string) => ({ name, notes: "z".repeat(100_000) });
    expect((await call("POST", path, { body: big("Anna"), headers: { "idempotency-key": "lead-1" } })).status).toBe(200);
    // The sender retries the same event with other data, then sends a new one over the month's quota.
    expect((await call("POST", path, { body: big("Boris"), headers: { "idempotency-key": "lead-1" } })).status).toBe(200);
    expect((await call("POST", path, { body: big("Vera") })).status).toBe(403);

    const runs = (await call("GET", `/api/v1/w/${u.workspaceId}/runs?bundle_id=${id}`, { token: u.token })).json.items;
    expect(runs).toHaveLength(1);
    const run = await waitForRun(u, runs[0].id);
    expect(run.trigger).toMatchObject({ name: "Anna" });
    const [row] = await ledgerSql(u.workspaceId, "SELECT trigger FROM run WHERE id = ?", run.id);
    const objects = (await env.PAYLOADS.list({ prefix: `runs/${u.workspaceId}/` })).objects.map((o) => o.key);
    expect(objects).toEqual([JSON.parse(String(row.trigger)).$payload]);
  });
});
