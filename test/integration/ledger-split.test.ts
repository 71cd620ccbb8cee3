// A run ledger that has grown enough doubles its workspace's ledger_shards by itself
// (worker/runs/ledger-split.ts, decision 0032): new runs spread over the new shards, the runs it
// holds stay readable, it does not split again until it has grown as much again, and it waits
// when halving the quota shares would refuse runs for the rest of the month.
import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { RunLedger } from "../../worker/runs/ledger-object";
import { shardOf } from "../../worker/runs/ledger";
import { call } from "./support/api";
import { createBundle, manualBundle } from "./support/bundles";
import { fireLedgerAlarm, ledgerSql, ledgerStub, shardSql } from "./support/ledger";
import { forceRun, waitForRun } from "./support/runs";
import { signUp, type Caller } from "./support/workspace";

const manual = (name: string) => manualBundle({ name, steps: [{ id: "s", kind: "stop" }] });

/** Makes the workspace's ledger split once it has grown `growth(size now)` bytes; its size now. */
async function splitAfter(workspaceId: string, growth: (size: number) => number): Promise<number> {
  return runInDurableObject(ledgerStub(workspaceId), (instance: RunLedger, state) => {
    const size = state.storage.sql.databaseSize;
    instance.splitGrowthBytes = growth(size);
    return size;
  });
}

/** The alarm as it runs every 5 minutes: copies usage, then looks at the ledger's size. */
async function alarmCopiesUsage(workspaceId: string) {
  await ledgerSql(workspaceId, "DELETE FROM meta WHERE key = 'usage_flushed_at'");
  await fireLedgerAlarm(workspaceId);
}

const shardsOf = async (u: Caller) => (await call("GET", `/api/v1/w/${u.workspaceId}/settings`, { token: u.token })).json.ledger_shards;

describe("a run ledger splits its workspace when it has grown", () => {
  it("doubles ledger_shards once; old runs stay readable, new runs go to their bundle's new shard", async () => {
    const u = await signUp("split-auto");
    const bundles = [await createBundle(u, manual("a")), await createBundle(u, manual("b"))];
    while (bundles.every((b) => shardOf(b, 2) === 0)) bundles.push(await createBundle(u, manual(`b${bundles.length}`)));
    const before = [];
    for (const b of bundles) before.push(await forceRun(u, b));
    for (const id of before) expect((await waitForRun(u, id)).status).toBe("stopped");
    expect(await shardsOf(u)).toBe(1);

    // Grown by the whole of its size: over the threshold.
    await splitAfter(u.workspaceId, (size) => size);
    await alarmCopiesUsage(u.workspaceId);
    expect(await shardsOf(u)).toBe(2);

    // Not grown since: no second split.
    await alarmCopiesUsage(u.workspaceId);
    expect(await shardsOf(u)).toBe(2);

    const moved = bundles.find((b) => shardOf(b, 2) === 1)!;
    const after = await forceRun(u, moved);
    expect((await waitForRun(u, after)).status).toBe("stopped");
    expect((await shardSql(u.workspaceId, 1, "SELECT id FROM run")).map((r) => r.id)).toEqual([after]);
    for (const id of before) expect((await call("GET", `/api/v1/w/${u.workspaceId}/runs/${id}`, { token: u.token })).status).toBe(200);
    const list = await call("GET", `/api/v1/w/${u.workspaceId}/runs?limit=50`, { token: u.token });
    expect(list.json.items.map((r: { id: string }) => r.id).sort()).toEqual([...before, after].sort());
  });

  it("waits while halving the month's quota shares would refuse runs already counted", async () => {
    const u = await signUp("split-quota");
    await env.DB.prepare("INSERT INTO workspace_quota (workspace_id, runs_per_month) VALUES (?, 4)").bind(u.workspaceId).run();
    const bundle = await createBundle(u, manual("busy"));
    for (let i = 0; i < 3; i++) expect((await waitForRun(u, await forceRun(u, bundle))).status).toBe("stopped");

    // 3 runs counted; split in two, each shard's share would be 2.
    await splitAfter(u.workspaceId, () => 1);
    await alarmCopiesUsage(u.workspaceId);
    expect(await shardsOf(u)).toBe(1);
    // A quota whose halves still hold the 4 runs counted: now it splits.
    await env.DB.prepare("UPDATE workspace_quota SET runs_per_month = 8 WHERE workspace_id = ?").bind(u.workspaceId).run();
    expect((await waitForRun(u, await forceRun(u, bundle))).status).toBe("stopped");
    await alarmCopiesUsage(u.workspaceId);
    expect(await shardsOf(u)).toBe(2);
  });
});
