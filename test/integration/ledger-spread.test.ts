// A bundle spread over a split workspace's run ledgers (ledger_spread, docs/scale.md "One hot
// bundle"): its runs land in every shard by event, each event in exactly one, and whatever
// reads the bundle (runs list, run by id, chart, test data, status page, sync progress) sees
// all of them; its URL's rate is shared out over the shards.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { runShardOf, shardOf } from "../../worker/runs/ledger-shard";
import { WorkspaceLedgers } from "../../worker/runs/workspace-ledgers";
import { call } from "./support/api";
import { createBundle, enableWebhook, manualBundle, webhookBundle } from "./support/bundles";
import { shardSql } from "./support/ledger";
import { forceRun, waitForRun } from "./support/runs";
import { patchSettings, signUp, signUpMember, type Caller } from "./support/workspace";

const SHARDS = 4;
const stop = [{ id: "s", kind: "stop" }];

/** A workspace in SHARDS ledgers with one webhook bundle spread over them. */
async function spreadHook(prefix: string, options?: Record<string, unknown>) {
  const u = await signUp(prefix);
  const id = await createBundle(u, webhookBundle({ name: "hot", steps: stop, options }));
  const url = await enableWebhook(u, id);
  await patchSettings(u, { ledger_shards: SHARDS, ledger_spread: [id] });
  return { u, id, url, ws: `/api/v1/w/${u.workspaceId}` };
}

/** Run ids of the bundle in each shard. */
async function runsByShard(workspaceId: string, bundleId: string) {
  const shards: string[][] = [];
  for (let n = 0; n < SHARDS; n++) shards.push((await shardSql(workspaceId, n, "SELECT id FROM run WHERE bundle_id = ?", bundleId)).map((r) => r.id as string));
  return shards;
}

const ledgersOf = (u: Caller, spread: string[]) => new WorkspaceLedgers(env, u.workspaceId, { shards: SHARDS, spread });

describe("a bundle spread over the workspace's ledgers", () => {
  it("puts its deliveries in several shards, each exactly once, and every reader of the bundle sees them all", { timeout: 60_000 }, async () => {
    const { u, id, url, ws } = await spreadHook("spread-hook");
    for (let i = 0; i < 40; i++) expect((await call("POST", url, { rawBody: JSON.stringify({ i }) })).status).toBe(200);

    const shards = await runsByShard(u.workspaceId, id);
    const all = shards.flat();
    expect(all).toHaveLength(40);
    expect(new Set(all).size).toBe(40);
    expect(shards.filter((runs) => runs.length > 0).length).toBeGreaterThan(1);
    // Not all in the bundle's home shard, where an unspread bundle's runs would be.
    expect(shards[shardOf(id, SHARDS)].length).toBeLessThan(40);

    const listed = await call("GET", `${ws}/runs?bundle_id=${id}&limit=100`, { token: u.token });
    expect(listed.json.items.map((r: { id: string }) => r.id).sort()).toEqual([...all].sort());
    for (const runs of shards.filter((r) => r.length > 0)) expect((await waitForRun(u, runs[0])).status).toBe("stopped");

    const chart = await call("GET", `${ws}/bundles/${id}/stats?hours=2`, { token: u.token });
    expect(chart.json.buckets.reduce((sum: number, b: { succeeded: number; failed: number; other: number }) => sum + b.succeeded + b.failed + b.other, 0)).toBe(40);

    // Test data is the newest delivery's, whichever shard it is in.
    const loaded = await call("POST", `${ws}/bundles/${id}/test-data/load`, { token: u.token });
    expect(loaded.status).toBe(200);
    expect(loaded.json.test_data).toMatchObject({ i: 39 });

    const share = await call("POST", `${ws}/bundles/${id}/shares`, { token: u.token, body: { embed: { show_runs: 20 } } });
    expect(share.status).toBe(201);
    const page = await call("GET", `/api/v1/shares/${share.json.token}`);
    expect(page.json.runs).toHaveLength(20);
    const starts = page.json.runs.map((r: { started_at: string }) => Date.parse(r.started_at));
    for (let i = 1; i < starts.length; i++) expect(starts[i]).toBeLessThanOrEqual(starts[i - 1]);

    // The sheet sync's progress counts (here read straight from the ledgers: this bundle has no sheet).
    expect((await ledgersOf(u, [id]).bundleRunProgress(id, new Date(Date.now() - 3_600_000))).started).toBe(40);
  });

  it("records one event once: an Idempotency-Key sent twice, and a dedupe key seen in the previous window", async () => {
    const { u, id, url, ws } = await spreadHook("spread-dedupe", { dedupe_key: "{{hook.order}}", dedupe_hours: 1 });
    const first = await call("POST", url, { rawBody: JSON.stringify({ order: "A-1" }) });
    const again = await call("POST", url, { rawBody: JSON.stringify({ order: "A-1" }) });
    expect([first.status, again.status]).toEqual([200, 200]);
    expect((await call("GET", `${ws}/runs?bundle_id=${id}`, { token: u.token })).json.items).toHaveLength(1);

    // The same order delivered in the window before (its key ends in the previous hour's
    // bucket), recorded where the spread puts that order: the delivery now is the same event.
    const previous = `content-B-2-${Math.floor(Date.now() / 3_600_000) - 1}`;
    const shard = runShardOf(id, "content-B-2", SHARDS, true);
    const at = Date.now() - 60_000;
    await shardSql(u.workspaceId, shard, "INSERT INTO run (id, bundle_id, bundle_version, status, event_key, created_at, touched_at, settled) VALUES ('r_prev', ?, 1, 'success', ?, ?, ?, 1)", id, previous, at, at);
    expect((await call("POST", url, { rawBody: JSON.stringify({ order: "B-2" }) })).status).toBe(200);
    expect((await runsByShard(u.workspaceId, id)).flat()).toHaveLength(2);

    const noDedupe = await spreadHook("spread-idem");
    for (let i = 0; i < 2; i++) expect((await call("POST", noDedupe.url, { rawBody: "{}", headers: { "idempotency-key": "same-one" } })).status).toBe(200);
    expect((await runsByShard(noDedupe.u.workspaceId, noDedupe.id)).flat()).toHaveLength(1);
  });

  it("shares the URL's rate over the shards: each takes ⌈rate / N⌉ a second, so one shard refuses past its share", { timeout: 30_000 }, async () => {
    const { u, id, url } = await spreadHook("spread-rate");
    await patchSettings(u, { hook_rate_per_second: 4 });
    // Idempotency keys the spread sends to shard 0: its share is 1 a second with 30 s of burst
    // (the URL's whole rate would have taken 120 at once).
    const keys: string[] = [];
    for (let i = 0; keys.length < 40; i++) if (runShardOf(id, `idem-k${i}`, SHARDS, true) === 0) keys.push(`k${i}`);
    const started = Date.now();
    const answers = [];
    for (const key of keys) answers.push(await call("POST", url, { rawBody: "{}", headers: { "idempotency-key": key } }));
    const seconds = (Date.now() - started) / 1000;
    const accepted = answers.filter((r) => r.status === 200).length;
    expect(accepted).toBeGreaterThanOrEqual(30);
    expect(accepted).toBeLessThanOrEqual(30 + Math.ceil(seconds));
    const limited = answers.find((r) => r.status === 429);
    expect(limited, `40 deliveries to one shard in ${seconds} s, none refused`).toBeDefined();
    expect(limited!.json.error.code).toBe("rate_limited");
    // Another shard still has its own share.
    let other = 0;
    while (runShardOf(id, `idem-o${other}`, SHARDS, true) === 0) other++;
    expect((await call("POST", url, { rawBody: "{}", headers: { "idempotency-key": `o${other}` } })).status).toBe(200);
  });

  it("a bundle spread after it ran still shows its runs from its home shard", async () => {
    const u = await signUp("spread-late");
    await patchSettings(u, { ledger_shards: SHARDS });
    const id = await createBundle(u, manualBundle({ name: "late", steps: stop }));
    const before = await forceRun(u, id);
    expect((await waitForRun(u, before)).status).toBe("stopped");
    await patchSettings(u, { ledger_spread: [id] });
    const after = [];
    for (let i = 0; i < 8; i++) after.push(await forceRun(u, id));
    const shards = await runsByShard(u.workspaceId, id);
    expect(shards.filter((r) => r.length > 0).length).toBeGreaterThan(1);
    expect(shards[shardOf(id, SHARDS)]).toContain(before);
    const chart = await call("GET", `/api/v1/w/${u.workspaceId}/bundles/${id}/stats?hours=1`, { token: u.token });
    const counted = chart.json.buckets.reduce((sum: number, b: { succeeded: number; failed: number; other: number }) => sum + b.succeeded + b.failed + b.other, 0);
    expect(counted).toBe(9);
    const latest = await ledgersOf(u, [id]).latestRun(id);
    expect(after).toContain(latest?.run.id);
  });
});

describe("the ledger_spread setting", () => {
  it("grows by the owner's additions, is shown by GET, refuses removals, unknown bundles and admins", async () => {
    const owner = await signUp("spread-settings");
    const settings = `/api/v1/w/${owner.workspaceId}/settings`;
    const [a, b] = [await createBundle(owner, manualBundle({ name: "a" })), await createBundle(owner, manualBundle({ name: "b" }))];
    expect((await call("GET", settings, { token: owner.token })).json.ledger_spread).toEqual([]);
    await patchSettings(owner, { ledger_spread: [a] });
    // A save that does not name the list leaves it; one that names part of it with a new id adds.
    await patchSettings(owner, { timezone: "Europe/Berlin" });
    expect((await call("GET", settings, { token: owner.token })).json.ledger_spread).toEqual([a]);
    await patchSettings(owner, { ledger_spread: [a, b] });
    expect([...(await call("GET", settings, { token: owner.token })).json.ledger_spread].sort()).toEqual([a, b].sort());

    const removed = await call("PATCH", settings, { token: owner.token, body: { ledger_spread: [a] } });
    expect(removed.status).toBe(400);
    expect(removed.json.error.path).toBe("/ledger_spread");
    expect(removed.json.error.message).toContain(b);
    const removedRu = await call("PATCH", settings, { token: owner.token, body: { ledger_spread: [a] }, headers: { "accept-language": "ru" } });
    expect(removedRu.json.error.message).toContain("только дополнить");

    const unknown = await call("PATCH", settings, { token: owner.token, body: { ledger_spread: [a, b, "b_nope"] } });
    expect(unknown.status).toBe(400);
    expect(unknown.json.error).toMatchObject({ path: "/ledger_spread" });
    expect(unknown.json.error.message).toContain("b_nope");

    const admin = await signUpMember(owner, "admin", "spread-admin");
    const c = await createBundle(owner, manualBundle({ name: "c" }));
    expect((await call("PATCH", settings, { token: admin.token, body: { ledger_spread: [a, b, c] } })).status).toBe(403);
    // Sending the list as it is (the dashboard saves every field) is not a change.
    expect((await call("PATCH", settings, { token: admin.token, body: { ledger_spread: [b, a], timezone: "Europe/Moscow" } })).status).toBe(200);
  });
});
