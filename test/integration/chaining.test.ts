// `bundle.finished`: B runs after each run of A that ends with the chosen status, receiving
// A's trigger data and step outputs; a chain that would loop is refused at save time. Followers
// are found by the bundle's follows_bundle_id column (decision 0022), so a document SQLite
// cannot parse, in this workspace or another, fails no other bundle.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { shardOf } from "../../worker/runs/ledger-shard";
import { deeplyNested } from "../fuzz/random";
import { call } from "./support/api";
import { createBundle, enableBundle, enableWebhook, manualBundle, webhookBundle } from "./support/bundles";
import { firstRunOf, runBundle, runsOf, waitForRun } from "./support/runs";
import { patchSettings, signUp } from "./support/workspace";

const first = manualBundle({
  name: "A",
  steps: [
    { id: "check", kind: "filter", when: { left: "{{start.amount}}", op: "gt", right: "0" } },
    { id: "done", kind: "stop", status: "success", reason: "amount {{start.amount}}" },
  ],
});

const after = (bundleId: string, status: string, name = "B") => ({
  format: "bundle/1",
  name,
  trigger: { id: "prev", app: "bundle", event: "finished", options: { bundle: bundleId, status } },
  steps: [{ id: "echo", kind: "stop", reason: "{{prev.status}} {{prev.trigger.amount}} {{prev.steps.check.passed}}" }],
});

describe("bundle.finished chaining", () => {
  it("runs B after A with A's data, only for the chosen status", async () => {
    const u = await signUp("chain");
    const a = await createBundle(u, first);
    const b = await createBundle(u, after(a, "any"));
    const onlyFailed = await createBundle(u, after(a, "failed", "C"));
    for (const id of [b, onlyFailed]) await enableBundle(u, id);

    await runBundle(u, a, { amount: "7" });
    const run = await waitForRun(u, await firstRunOf(u, b));
    expect(run.error).toBe("stopped 7 1");
    expect(await runsOf(u, onlyFailed)).toHaveLength(0);
  });

  it("works when A and B are in different ledgers of a split workspace", async () => {
    const u = await signUp("chain-shards");
    await patchSettings(u, { ledger_shards: 4 });
    const a = await createBundle(u, first);
    let b: string;
    do b = await createBundle(u, after(a, "any"));
    while (shardOf(b, 4) === shardOf(a, 4));
    await enableBundle(u, b);

    await runBundle(u, a, { amount: "5" });
    expect((await waitForRun(u, await firstRunOf(u, b))).error).toBe("stopped 5 1");
  });

  it("refuses a chain that would loop, naming the field", async () => {
    const u = await signUp("cycle");
    const a = await createBundle(u, first);
    const b = await createBundle(u, after(a, "any"));
    const res = await call("PUT", `/api/v1/w/${u.workspaceId}/bundles/${a}`, { token: u.token, body: after(b, "any", "A") });
    expect(res.status).toBe(400);
    expect(res.json.error.path).toBe("/trigger/options/bundle");
    expect(res.json.error.message).toMatch(/loop/);
    const self = await call("PUT", `/api/v1/w/${u.workspaceId}/bundles/${a}`, { token: u.token, body: after(a, "any", "A") });
    expect(self.status).toBe(400);
  });

  it("a document SQLite cannot parse, in the workspace or another, fails no other bundle's run, webhook or chain", async () => {
    // As the incident had it: a manual trigger's sample nested ~1,100 deep (SQLite's JSON
    // functions stop at 1000), saved before the bounds existed, its bundle enabled.
    const poison = (id: string) =>
      env.DB.prepare("UPDATE bundle SET document = ?, enabled = 1 WHERE id = ?")
        .bind(`{"format":"bundle/1","name":"Odd","trigger":{"id":"t","app":"manual","event":"run","options":{"sample":${deeplyNested(1100, "array")}}},"steps":[]}`, id)
        .run();
    const other = await signUp("chain-odd-tenant");
    await poison(await createBundle(other, first));
    const u = await signUp("chain-odd");
    await poison(await createBundle(u, first));
    const a = await createBundle(u, first);
    const b = await createBundle(u, after(a, "any"));
    const hook = await createBundle(u, webhookBundle({ steps: [{ id: "done", kind: "stop", reason: "got {{hook.n}}" }] }));
    await enableBundle(u, b);
    const url = await enableWebhook(u, hook);

    expect((await runBundle(u, a, { amount: "3" })).status).toBe("stopped");
    expect((await waitForRun(u, await firstRunOf(u, b))).error).toBe("stopped 3 1");
    expect((await call("POST", url, { body: { n: 1 } })).status).toBe(200);
    expect((await waitForRun(u, await firstRunOf(u, hook))).error).toBe("got 1");
  });

  it("follows_bundle_id follows every save, import and copy; the migration fills it in for bundles saved before", async () => {
    const u = await signUp("chain-column");
    const follows = async (id: string) => (await env.DB.prepare("SELECT follows_bundle_id AS f FROM bundle WHERE id = ?").bind(id).first<{ f: string | null }>())?.f;
    const a = await createBundle(u, first);
    const b = await createBundle(u, after(a, "any"));
    expect(await follows(a)).toBeNull();
    expect(await follows(b)).toBe(a);
    const copy = (await call("POST", `/api/v1/w/${u.workspaceId}/bundles/${b}/duplicate`, { token: u.token })).json.id;
    expect(await follows(copy)).toBe(a);
    const imported = (await call("POST", `/api/v1/w/${u.workspaceId}/bundles/import`, { token: u.token, body: after(a, "failed", "I") })).json.id;
    expect(await follows(imported)).toBe(a);
    await call("PUT", `/api/v1/w/${u.workspaceId}/bundles/${b}`, { token: u.token, body: { ...first, name: "B" } });
    expect(await follows(b)).toBeNull();

    // Bundles saved before the column: the migration's backfill, run again over them, one of them unparseable.
    const odd = await createBundle(u, first);
    await env.DB.prepare("UPDATE bundle SET document = ? WHERE id = ?").bind(`{"trigger":{"app":"bundle","event":"finished","options":{"bundle":"${a}"}},"steps":[${deeplyNested(1100, "array")}]}`, odd).run();
    await env.DB.prepare("UPDATE bundle SET follows_bundle_id = NULL WHERE workspace_id = ?").bind(u.workspaceId).run();
    const migration = env.TEST_MIGRATIONS.find((m) => m.name.startsWith("0014_"))!;
    for (const query of migration.queries.filter((q) => q.includes("UPDATE `bundle`"))) await env.DB.prepare(query).run();
    expect([await follows(a), await follows(b), await follows(copy), await follows(imported), await follows(odd)]).toEqual([null, null, a, a, null]);
  });
});
