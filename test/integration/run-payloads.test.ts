// Large payloads go to R2 (worker/runs/payloads.ts): a delivery over 32 KB is kept whole in
// an R2 object the ledger's row points to; the run, its API view and its steps see the whole
// value; log retention deletes the object with the run.
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
    expect(ref).toEqual({ $payload: `runs/${u.workspaceId}/${run.id}/trigger`, bytes: expect.any(Number) });
    expect(await env.PAYLOADS.head(ref.$payload)).not.toBeNull();

    await ledgerSql(u.workspaceId, "UPDATE run SET created_at = ? WHERE id = ?", Date.now() - 31 * 86_400_000, run.id);
    await ledgerSql(u.workspaceId, "DELETE FROM meta WHERE key = 'retention_at'");
    await fireLedgerAlarm(u.workspaceId);
    expect((await call("GET", `${ws}/runs/${run.id}`, { token: u.token })).status).toBe(404);
    expect(await env.PAYLOADS.head(ref.$payload)).toBeNull();
  });
});
