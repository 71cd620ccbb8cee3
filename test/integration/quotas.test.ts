// Workspace quotas (issue 9): runs per month, bundles, steps per run. Defaults from wrangler.toml,
// a workspace_quota row overrides them. Over a limit: 403 `quota_exceeded` saying which limit,
// nothing created; runs are checked wherever they start (force run, webhook URL).
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { call } from "./support/api";
import { createBundle, enableWebhook, manualBundle, webhookBundle } from "./support/bundles";
import { ledgerSql } from "./support/ledger";
import { signUp } from "./support/workspace";

const stop = (id: string) => ({ id, kind: "stop" });
const bundle = (name: string, steps: unknown[] = [stop("s")]) => manualBundle({ name, trigger: "t", steps });

async function limit(workspaceId: string, quota: { runs?: number; bundles?: number; steps?: number }) {
  await env.DB.prepare("INSERT INTO workspace_quota (workspace_id, runs_per_month, bundles, steps_per_run) VALUES (?, ?, ?, ?)")
    .bind(workspaceId, quota.runs ?? null, quota.bundles ?? null, quota.steps ?? null)
    .run();
}

const runCount = async (workspaceId: string) => Number((await ledgerSql(workspaceId, "SELECT count(*) AS n FROM run"))[0].n);

describe("quotas", () => {
  it("default limits come from the deployment's config", async () => {
    const u = await signUp("quota-default");
    const res = await call("GET", `/api/v1/w/${u.workspaceId}/quotas`, { token: u.token });
    expect(res.json).toMatchObject({ runs_per_month: { limit: 10000, used: 0 }, bundles: { limit: 100, used: 0 }, steps_per_run: { limit: 50 } });
  });

  it("bundles: the one over the limit is refused, created or imported", async () => {
    const u = await signUp("quota-bundles");
    await limit(u.workspaceId, { bundles: 2 });
    const ws = `/api/v1/w/${u.workspaceId}`;
    for (const name of ["a", "b"]) expect((await call("POST", `${ws}/bundles`, { token: u.token, body: bundle(name) })).status).toBe(201);
    for (const [path, body] of [[`${ws}/bundles`, bundle("c")], [`${ws}/bundles/import`, { bundle: bundle("d"), connections: {} }]] as const) {
      const res = await call("POST", path, { token: u.token, body });
      expect(res.status).toBe(403);
      expect(res.json.error).toMatchObject({ code: "quota_exceeded", path: "" });
      expect(res.json.error.message).toContain("limit of 2 bundles");
    }
    expect((await call("GET", `${ws}/quotas`, { token: u.token })).json.bundles).toEqual({ limit: 2, used: 2 });
  });

  it("steps per run: a bundle with more steps (inside if too) is refused at /steps, new or saved", async () => {
    const u = await signUp("quota-steps");
    await limit(u.workspaceId, { steps: 3 });
    const ws = `/api/v1/w/${u.workspaceId}`;
    const three = [{ id: "check", kind: "if", when: { left: "{{t.x}}", op: "not_empty" }, then: [stop("yes")], else: [stop("no")] }];
    const created = await call("POST", `${ws}/bundles`, { token: u.token, body: bundle("fits", three) });
    expect(created.status).toBe(201);
    const four = [...three, stop("after")];
    for (const [method, path] of [["POST", `${ws}/bundles`], ["PUT", `${ws}/bundles/${created.json.id}`]]) {
      const res = await call(method, path, { token: u.token, body: bundle("too long", four) });
      expect(res.status).toBe(403);
      expect(res.json.error).toMatchObject({ code: "quota_exceeded", path: "/steps", message: "A bundle may have at most 3 steps in this workspace; this one has 4." });
    }
    expect((await call("GET", `${ws}/bundles/${created.json.id}`, { token: u.token })).json.version).toBe(1);
  });

  it("runs per month: force runs and webhook deliveries over the limit start nothing; last month's runs do not count", async () => {
    const u = await signUp("quota-runs");
    await limit(u.workspaceId, { runs: 3 });
    const ws = `/api/v1/w/${u.workspaceId}`;
    const manualId = await createBundle(u, bundle("m"));
    const hookPath = await enableWebhook(u, await createBundle(u, webhookBundle({ name: "h", steps: [stop("s")] })));
    // Runs started last month do not count against this month.
    const lastMonth = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), 1) - 86_400_000);
    await ledgerSql(u.workspaceId, "INSERT INTO usage (month, runs) VALUES (?, 50)", lastMonth.toISOString().slice(0, 7));
    await ledgerSql(u.workspaceId, "INSERT INTO run (id, bundle_id, bundle_version, status, event_key, created_at, touched_at, settled) VALUES (?, ?, 1, 'success', 'old', ?, ?, 1)", crypto.randomUUID(), manualId, lastMonth.getTime(), lastMonth.getTime());

    for (let i = 0; i < 2; i++) expect((await call("POST", `${ws}/bundles/${manualId}/run`, { token: u.token, body: { payload: {} } })).status).toBe(202);
    expect((await call("POST", hookPath, { rawBody: "{}" })).status).toBe(200);
    expect(await runCount(u.workspaceId)).toBe(4);

    const forced = await call("POST", `${ws}/bundles/${manualId}/run`, { token: u.token, body: { payload: {} } });
    expect(forced.status).toBe(403);
    expect(forced.json.error.code).toBe("quota_exceeded");
    expect(forced.json.error.message).toMatch(/used its 3 runs for this month; nothing was started\. Runs start again on \d{4}-\d{2}-01/);
    const delivered = await call("POST", hookPath, { rawBody: '{"lead": 1}' });
    expect(delivered.status).toBe(403);
    expect(delivered.json.error.code).toBe("quota_exceeded");
    expect(await runCount(u.workspaceId)).toBe(4);
    expect((await call("GET", `${ws}/quotas`, { token: u.token })).json.runs_per_month).toMatchObject({ limit: 3, used: 3 });

    // Deleting this month's runs (log retention, or by hand) does not give their places back.
    await ledgerSql(u.workspaceId, "DELETE FROM run");
    expect((await call("POST", `${ws}/bundles/${manualId}/run`, { token: u.token, body: { payload: {} } })).status).toBe(403);
    expect((await call("GET", `${ws}/quotas`, { token: u.token })).json.runs_per_month).toMatchObject({ limit: 3, used: 3 });
  });

  it("runs per month under concurrent intake: 20 starts at once against a limit of 5 start exactly 5", async () => {
    const u = await signUp("quota-race");
    await limit(u.workspaceId, { runs: 5 });
    const ws = `/api/v1/w/${u.workspaceId}`;
    const manualId = await createBundle(u, bundle("m"));
    const statuses = (await Promise.all(Array.from({ length: 20 }, () => call("POST", `${ws}/bundles/${manualId}/run`, { token: u.token, body: { payload: {} } })))).map((r) => r.status);
    expect(statuses.filter((s) => s === 202)).toHaveLength(5);
    expect(statuses.filter((s) => s === 403)).toHaveLength(15);
    expect(await runCount(u.workspaceId)).toBe(5);
    expect((await call("GET", `${ws}/quotas`, { token: u.token })).json.runs_per_month).toMatchObject({ limit: 5, used: 5 });
  });
});
