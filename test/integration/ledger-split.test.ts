// A run ledger on course to hold too much raises its workspace's ledger_shards by itself
// (worker/runs/ledger-split.ts, decision 0032): new runs spread over the new shards, the runs it
// holds stay readable, it watches its growth again before another split, and it waits when
// cutting the quota shares would refuse runs for the rest of the month; one bundle that makes
// most of its runs is spread over the shards instead (ledger_spread). The policy's sizes are
// set small here: a test cannot write gigabytes.
import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { RunLedger } from "../../worker/runs/ledger-object";
import type { SplitPolicy } from "../../worker/runs/ledger-split";
import { shardOf } from "../../worker/runs/ledger-shard";
import { call } from "./support/api";
import { createBundle, manualBundle } from "./support/bundles";
import { fireLedgerAlarm, ledgerSql, ledgerStub, shardSql } from "./support/ledger";
import { forceRun, waitForRun } from "./support/runs";
import { signUp, type Caller } from "./support/workspace";

const manual = (name: string) => manualBundle({ name, steps: [{ id: "s", kind: "stop" }] });

/** The ledger's split policy from now on, given its size now. */
async function splitPolicy(workspaceId: string, policy: (size: number) => SplitPolicy) {
  await runInDurableObject(ledgerStub(workspaceId), (instance: RunLedger, state) => {
    instance.splitPolicy = policy(state.storage.sql.databaseSize);
  });
}
/** Splits as soon as the ledger projects more than it holds now: within seconds its rate over 30 days does. */
const eager = (size: number): SplitPolicy => ({ steadyBytes: size, floorBytes: 0, observeMs: 0 });

/** The alarm as it runs every 5 minutes: copies usage, then looks at the ledger's size. */
async function alarmCopiesUsage(workspaceId: string) {
  await ledgerSql(workspaceId, "DELETE FROM meta WHERE key = 'usage_flushed_at'");
  await fireLedgerAlarm(workspaceId);
}

const shardsOf = async (u: Caller) => (await call("GET", `/api/v1/w/${u.workspaceId}/settings`, { token: u.token })).json.ledger_shards;

describe("a run ledger splits its workspace when it has grown", () => {
  it("raises ledger_shards by a power of two; old runs stay readable, new runs go to their bundle's new shard", async () => {
    const u = await signUp("split-auto");
    const bundles = [await createBundle(u, manual("a")), await createBundle(u, manual("b"))];
    const before = [];
    for (const b of bundles) before.push(await forceRun(u, b));
    for (const id of before) expect((await waitForRun(u, id)).status).toBe("stopped");
    expect(await shardsOf(u)).toBe(1);

    // Its whole size written within seconds: over 30 days that rate is far over the policy's
    // steady size, so it goes straight to the most shards there may be.
    await splitPolicy(u.workspaceId, eager);
    await alarmCopiesUsage(u.workspaceId);
    const shards = await shardsOf(u);
    expect(shards).toBe(64);

    // Right after a split it measures its growth afresh, over the policy's window.
    await splitPolicy(u.workspaceId, (size) => ({ ...eager(size), observeMs: 3_600_000 }));
    await alarmCopiesUsage(u.workspaceId);
    expect(await shardsOf(u)).toBe(shards);

    const moved = bundles.find((b) => shardOf(b, shards) !== 0)!;
    const after = await forceRun(u, moved);
    expect((await waitForRun(u, after)).status).toBe("stopped");
    expect((await shardSql(u.workspaceId, shardOf(moved, shards), "SELECT id FROM run")).map((r) => r.id)).toEqual([after]);
    for (const id of before) expect((await call("GET", `/api/v1/w/${u.workspaceId}/runs/${id}`, { token: u.token })).status).toBe(200);
    const list = await call("GET", `/api/v1/w/${u.workspaceId}/runs?limit=50`, { token: u.token });
    expect(list.json.items.map((r: { id: string }) => r.id).sort()).toEqual([...before, after].sort());
  });

  it("waits while the cut quota shares would refuse runs already counted", async () => {
    const u = await signUp("split-quota");
    await env.DB.prepare("INSERT INTO workspace_quota (workspace_id, runs_per_month) VALUES (?, 4)").bind(u.workspaceId).run();
    const bundle = await createBundle(u, manual("busy"));
    for (let i = 0; i < 3; i++) expect((await waitForRun(u, await forceRun(u, bundle))).status).toBe("stopped");

    // 3 runs counted; split into 64, each shard's share would be 0.
    await splitPolicy(u.workspaceId, eager);
    await alarmCopiesUsage(u.workspaceId);
    expect(await shardsOf(u)).toBe(1);
    // A quota whose 64th part still holds the 4 runs counted: now it splits.
    await env.DB.prepare("UPDATE workspace_quota SET runs_per_month = 256 WHERE workspace_id = ?").bind(u.workspaceId).run();
    expect((await waitForRun(u, await forceRun(u, bundle))).status).toBe("stopped");
    await alarmCopiesUsage(u.workspaceId);
    expect(await shardsOf(u)).toBe(64);
  });

  it("spreads a bundle that makes most of its runs over the shards, rather than only raising the count", async () => {
    const u = await signUp("split-hot");
    const [hot, cold] = [await createBundle(u, manual("hot")), await createBundle(u, manual("cold"))];
    for (let i = 0; i < 4; i++) expect((await waitForRun(u, await forceRun(u, hot))).status).toBe("stopped");
    expect((await waitForRun(u, await forceRun(u, cold))).status).toBe("stopped");

    await splitPolicy(u.workspaceId, eager);
    await alarmCopiesUsage(u.workspaceId);
    const settings = (await call("GET", `/api/v1/w/${u.workspaceId}/settings`, { token: u.token })).json;
    expect(settings.ledger_spread).toEqual([hot]);
    expect(settings.ledger_shards).toBe(64);

    // Its new runs land in several shards; its chart still counts the ones from before.
    for (let i = 0; i < 8; i++) await forceRun(u, hot);
    const holding = [];
    for (let n = 0; n < 64; n++) if ((await shardSql(u.workspaceId, n, "SELECT count(*) AS n FROM run WHERE bundle_id = ?", hot))[0].n) holding.push(n);
    expect(holding.length).toBeGreaterThan(2);
    const chart = await call("GET", `/api/v1/w/${u.workspaceId}/bundles/${hot}/stats?hours=1`, { token: u.token });
    expect(chart.json.buckets.reduce((sum: number, b: { succeeded: number; failed: number; other: number }) => sum + b.succeeded + b.failed + b.other, 0)).toBe(12);
  });
});
