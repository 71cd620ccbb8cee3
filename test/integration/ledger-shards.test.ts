// A workspace split over several run ledgers (ledger_shards, docs/scale.md "When one workspace
// outgrows its ledger"): each bundle's runs land in its shard, the executor and the sweep find
// them there, and the readers (runs list, run detail, bundle list, quotas) see all shards as one.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { ledgerOf } from "../../worker/runs/ledger";
import { shardOf } from "../../worker/runs/ledger-shard";
import { call } from "./support/api";
import { createBundle, enableWebhook, manualBundle, webhookBundle } from "./support/bundles";
import { fireLedgerAlarm, shardSql } from "./support/ledger";
import { forceRun, waitForRun } from "./support/runs";
import { patchSettings, signUp } from "./support/workspace";

const SHARDS = 4;
const manual = (name: string) => manualBundle({ name, steps: [{ id: "s", kind: "stop" }] });

/** A workspace in SHARDS ledgers with bundles in shard 0 and at least two other shards. */
async function splitWorkspace(prefix: string) {
  const u = await signUp(prefix);
  await patchSettings(u, { ledger_shards: SHARDS });
  const bundles: Array<{ id: string; shard: number }> = [];
  const shards = () => new Set(bundles.map((b) => b.shard));
  while (!shards().has(0) || shards().size < 3) {
    const id = await createBundle(u, manual(`b${bundles.length}`));
    bundles.push({ id, shard: shardOf(id, SHARDS) });
  }
  return { u, bundles, ws: `/api/v1/w/${u.workspaceId}` };
}

const runIdsIn = async (workspaceId: string, shard: number) => (await shardSql(workspaceId, shard, "SELECT id FROM run ORDER BY id")).map((r) => r.id as string);

describe("a workspace split over several run ledgers", () => {
  it("records each bundle's runs in its shard; the executor finds them there; run detail reads any shard", async () => {
    const { u, bundles } = await splitWorkspace("shards-route");
    const byShard = new Map<number, string[]>();
    for (const b of bundles) {
      const runId = await forceRun(u, b.id);
      expect((await waitForRun(u, runId)).status).toBe("stopped");
      byShard.set(b.shard, [...(byShard.get(b.shard) ?? []), runId].sort());
    }
    for (let shard = 0; shard < SHARDS; shard++) expect(await runIdsIn(u.workspaceId, shard)).toEqual(byShard.get(shard) ?? []);
  });

  it("a webhook delivery is recorded in its bundle's shard", async () => {
    const u = await signUp("shards-hook");
    await patchSettings(u, { ledger_shards: SHARDS });
    let id: string;
    do id = await createBundle(u, webhookBundle({ name: "hook", steps: [{ id: "s", kind: "stop" }] }));
    while (shardOf(id, SHARDS) === 0);
    const hookPath = await enableWebhook(u, id);
    expect((await call("POST", hookPath, { rawBody: "{}" })).status).toBe(200);
    const [runId] = await runIdsIn(u.workspaceId, shardOf(id, SHARDS));
    expect((await waitForRun(u, runId)).status).toBe("stopped");
    expect(await runIdsIn(u.workspaceId, 0)).toEqual([]);
  });

  it("the runs list pages over every shard newest first, without duplicates or gaps, ties at the same instant included", async () => {
    const { u, bundles, ws } = await splitWorkspace("shards-list");
    const ids: string[] = [];
    for (let round = 0; round < 2; round++) for (const b of bundles) ids.push(await forceRun(u, b.id));
    // Runs created in the same millisecond in different shards: the cursor's id part orders them.
    const instant = Date.now() - 60_000;
    for (const b of bundles) {
      const id = `r_tie_${b.id.slice(0, 8)}`;
      await shardSql(u.workspaceId, b.shard, "INSERT INTO run (id, bundle_id, bundle_version, status, event_key, created_at, touched_at, settled) VALUES (?, ?, 1, 'success', ?, ?, ?, 1)", id, b.id, id, instant, instant);
      ids.push(id);
    }

    const seen: Array<{ id: string; created_at: string }> = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await call("GET", `${ws}/runs?limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`, { token: u.token });
      expect(page.status).toBe(200);
      seen.push(...page.json.items);
      cursor = page.json.next_cursor;
      pages++;
    } while (cursor);
    expect(seen.map((r) => r.id).sort()).toEqual([...ids].sort());
    expect(pages).toBe(Math.ceil(ids.length / 3));
    const order = seen.map((r) => [Date.parse(r.created_at), r.id] as const);
    for (let i = 1; i < order.length; i++) expect(order[i][0] < order[i - 1][0] || (order[i][0] === order[i - 1][0] && order[i][1] < order[i - 1][1])).toBe(true);

    // Filters are the same to every shard.
    const one = bundles.find((b) => b.shard !== 0)!;
    const filtered = await call("GET", `${ws}/runs?bundle_id=${one.id}`, { token: u.token });
    expect(filtered.json.items).toHaveLength(3);
    expect((await call("GET", `${ws}/runs?cursor=not-a-cursor`, { token: u.token })).json.error.path).toBe("/cursor");

    // The bundle list's activity merges every shard's.
    const listed = (await call("GET", `${ws}/bundles`, { token: u.token })).json.items as Array<{ id: string; last_run: { id: string } | null }>;
    for (const b of bundles) expect(listed.find((l) => l.id === b.id)?.last_run).not.toBeNull();
  });

  it("each shard enforces its share of the month's runs; the quotas page sums the shards", async () => {
    const { u, bundles, ws } = await splitWorkspace("shards-quota");
    // 6 runs a month over 4 ledgers: each ledger starts at most 2.
    await env.DB.prepare("INSERT INTO workspace_quota (workspace_id, runs_per_month) VALUES (?, 6)").bind(u.workspaceId).run();
    const [first, second] = [bundles.find((b) => b.shard === 0)!, bundles.find((b) => b.shard !== 0)!];
    for (let i = 0; i < 2; i++) await forceRun(u, first.id);
    const refused = await call("POST", `${ws}/bundles/${first.id}/run`, { token: u.token, body: { payload: {} } });
    expect(refused.status).toBe(403);
    expect(refused.json.error.code).toBe("quota_exceeded");
    // Another shard still has its share.
    await forceRun(u, second.id);
    expect((await call("GET", `${ws}/quotas`, { token: u.token })).json.runs_per_month).toMatchObject({ limit: 6, used: 3 });

    // The usage copy in D1 is one row per shard: they do not overwrite each other.
    await fireLedgerAlarm(u.workspaceId, first.shard);
    await fireLedgerAlarm(u.workspaceId, second.shard);
    const { results } = await env.DB.prepare("SELECT shard, runs FROM workspace_usage WHERE workspace_id = ? ORDER BY shard").bind(u.workspaceId).all();
    expect(results).toEqual([
      { shard: first.shard, runs: 2 },
      { shard: second.shard, runs: 1 },
    ]);
  });

  it("the sweep of a shard other than 0 re-sends a stalled run with its shard, and the run ends", async () => {
    const { u, bundles } = await splitWorkspace("shards-sweep");
    const b = bundles.find((x) => x.shard !== 0)!;
    const ledger = ledgerOf(env, u.workspaceId, b.shard);
    const runId = `r_sweep_${crypto.randomUUID().replaceAll("-", "")}`;
    // Recorded as the intake records, but its queue message never sent.
    const outcome = await ledger.record({ workspaceId: u.workspaceId, shard: b.shard, run: { id: runId, bundleId: b.id, bundleVersion: 1, eventKey: `lost-${runId}`, trigger: {} }, runsPerMonth: 100 });
    expect(outcome.kind).toBe("created");
    await shardSql(u.workspaceId, b.shard, "UPDATE run SET touched_at = ? WHERE id = ?", Date.now() - 6 * 60_000, runId);
    expect(await ledger.sweepNow()).toEqual([runId]);
    expect((await waitForRun(u, runId)).status).toBe("stopped");
  });

  it("raising the count: old runs stay readable, new runs go to the bundle's new shard", async () => {
    const u = await signUp("shards-grow");
    const ws = `/api/v1/w/${u.workspaceId}`;
    let id: string;
    do id = await createBundle(u, manual("moves"));
    while (shardOf(id, SHARDS) === 0);
    const before = await forceRun(u, id);
    await waitForRun(u, before);
    await patchSettings(u, { ledger_shards: SHARDS });
    const after = await forceRun(u, id);
    await waitForRun(u, after);
    expect(await runIdsIn(u.workspaceId, 0)).toEqual([before]);
    expect(await runIdsIn(u.workspaceId, shardOf(id, SHARDS))).toEqual([after]);
    expect((await call("GET", `${ws}/runs/${before}`, { token: u.token })).json.steps).toHaveLength(1);
    expect((await call("GET", `${ws}/runs`, { token: u.token })).json.items.map((r: { id: string }) => r.id)).toEqual([after, before]);
  });
});
