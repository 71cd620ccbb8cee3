// What the dashboard's run views ask of the API: the list filtered by date, a bulk retry of
// failed runs (all or none), and a bundle's runs per hour by status for the run chart.
import { beforeAll, describe, expect, it } from "vitest";
import { call } from "./support/api";
import { createBundle, manualBundle } from "./support/bundles";
import { ledgerSql } from "./support/ledger";
import { runBundle, waitForRun } from "./support/runs";
import { apiKey, signUp, type User } from "./support/workspace";

const failing = (name: string) => manualBundle({ name, steps: [{ id: "give_up", kind: "stop", status: "failed", reason: "no luck for {{start.who}}" }] });

const finishedRun = (u: User, bundleId: string, who: string) => runBundle(u, bundleId, { who });

/** Moves a run back in time, as if it had been created `hoursAgo` hours ago. */
async function age(workspaceId: string, runId: string, hoursAgo: number) {
  await ledgerSql(workspaceId, "UPDATE run SET created_at = ? WHERE id = ?", Date.now() - hoursAgo * 3_600_000, runId);
}

describe("runs list: from/to filters", () => {
  let u: User;
  let recent: string;
  let old: string;

  beforeAll(async () => {
    u = await signUp("runs-dates");
    const bundleId = await createBundle(u, failing("Dates"));
    old = (await finishedRun(u, bundleId, "old")).id;
    recent = (await finishedRun(u, bundleId, "recent")).id;
    await age(u.workspaceId, old, 72);
  });

  const ids = async (query: string) => {
    const res = await call("GET", `/api/v1/w/${u.workspaceId}/runs?${query}`, { token: u.token });
    expect(res.status).toBe(200);
    return res.json.items.map((r: { id: string }) => r.id);
  };

  it("from keeps runs created at or after it, to keeps runs created before it", async () => {
    const yesterday = new Date(Date.now() - 24 * 3_600_000).toISOString();
    expect(await ids(`from=${encodeURIComponent(yesterday)}`)).toEqual([recent]);
    expect(await ids(`to=${encodeURIComponent(yesterday)}`)).toEqual([old]);
    expect(await ids("")).toEqual([recent, old]);
    // a plain date is midnight UTC; an offset is honoured
    const fourDaysAgo = new Date(Date.now() - 96 * 3_600_000).toISOString().slice(0, 10);
    expect(await ids(`from=${fourDaysAgo}&status=failed`)).toEqual([recent, old]);
    expect(await ids(`from=2999-01-01T00:00:00%2B03:00`)).toEqual([]);
  });

  it("a date that is not ISO is refused at /from", async () => {
    const res = await call("GET", `/api/v1/w/${u.workspaceId}/runs?from=yesterday`, { token: u.token });
    expect(res.status).toBe(400);
    expect(res.json.error.path).toBe("/from");
  });
});

describe("bulk retry", () => {
  let u: User;
  let failed: string[];

  beforeAll(async () => {
    u = await signUp("bulk-retry");
    const bundleId = await createBundle(u, failing("Bulk"));
    failed = [(await finishedRun(u, bundleId, "ann")).id, (await finishedRun(u, bundleId, "bob")).id];
  });

  const runCount = async () => (await call("GET", `/api/v1/w/${u.workspaceId}/runs?limit=200`, { token: u.token })).json.items.length;

  it("starts one new run per failed run, each carrying its trigger data and retry_of", async () => {
    const res = await call("POST", `/api/v1/w/${u.workspaceId}/runs/retry`, { token: u.token, body: { run_ids: failed, from: "start" } });
    expect(res.status).toBe(202);
    expect(res.json.items.map((i: { retry_of: string }) => i.retry_of)).toEqual(failed);
    const retried = await Promise.all(res.json.items.map((i: { run_id: string }) => waitForRun(u, i.run_id)));
    expect(retried.map((r) => [r.retry_of, r.status, r.trigger.who])).toEqual([
      [failed[0], "failed", "ann"],
      [failed[1], "failed", "bob"],
    ]);
    expect(new Set(retried.map((r) => r.id)).size).toBe(2);
  });

  it("an unknown run id refuses the whole request, naming the id, and starts nothing", async () => {
    const before = await runCount();
    const res = await call("POST", `/api/v1/w/${u.workspaceId}/runs/retry`, { token: u.token, body: { run_ids: [failed[0], "no-such-run"] } });
    expect(res.status).toBe(404);
    expect(res.json.error.path).toBe("/run_ids/1");
    expect(await runCount()).toBe(before);
  });

  it("another workspace's run is not found, and an empty list is invalid", async () => {
    const other = await signUp("bulk-other");
    const res = await call("POST", `/api/v1/w/${other.workspaceId}/runs/retry`, { token: other.token, body: { run_ids: [failed[0]] } });
    expect(res.status).toBe(404);
    expect(res.json.error.path).toBe("/run_ids/0");
    const empty = await call("POST", `/api/v1/w/${u.workspaceId}/runs/retry`, { token: u.token, body: { run_ids: [] } });
    expect(empty.status).toBe(400);
    expect(empty.json.error.path).toBe("/run_ids");
  });

  it("a viewer may not retry", async () => {
    const res = await call("POST", `/api/v1/w/${u.workspaceId}/runs/retry`, { token: await apiKey(u, "viewer"), body: { run_ids: failed } });
    expect(res.status).toBe(403);
  });
});

describe("bundle stats: runs per hour by status", () => {
  it("counts each hour's succeeded, failed and other runs, zeros for quiet hours, oldest first", async () => {
    const u = await signUp("stats");
    const failingId = await createBundle(u, failing("Chart"));
    const fine = await createBundle(u, { ...failing("Other bundle"), steps: [{ id: "done", kind: "stop" }] });
    const a = await finishedRun(u, failingId, "a");
    await finishedRun(u, failingId, "b");
    const c = await finishedRun(u, failingId, "c");
    await finishedRun(u, fine, "not counted");
    await age(u.workspaceId, a.id, 3);
    await ledgerSql(u.workspaceId, "UPDATE run SET status = 'success' WHERE id = ?", c.id);

    const res = await call("GET", `/api/v1/w/${u.workspaceId}/bundles/${failingId}/stats`, { token: u.token });
    expect(res.status).toBe(200);
    const buckets = res.json.buckets as Array<{ hour: string; succeeded: number; failed: number; other: number }>;
    expect(buckets).toHaveLength(24);
    const hour = (h: number) => new Date(Math.floor(Date.now() / 3_600_000 - h) * 3_600_000).toISOString();
    expect(buckets[23]).toEqual({ hour: hour(0), succeeded: 1, failed: 1, other: 0 });
    expect(buckets[20]).toEqual({ hour: hour(3), succeeded: 0, failed: 1, other: 0 });
    expect(buckets.slice(0, 20).every((b) => b.succeeded + b.failed + b.other === 0)).toBe(true);
    expect(Date.parse(buckets[1].hour) - Date.parse(buckets[0].hour)).toBe(3_600_000);

    const two = await call("GET", `/api/v1/w/${u.workspaceId}/bundles/${failingId}/stats?hours=2`, { token: u.token });
    expect(two.json.buckets.map((b: { failed: number }) => b.failed)).toEqual([0, 1]);
    expect((await call("GET", `/api/v1/w/${u.workspaceId}/bundles/${failingId}/stats?hours=500`, { token: u.token })).status).toBe(400);
    expect((await call("GET", `/api/v1/w/${u.workspaceId}/bundles/nope/stats`, { token: u.token })).status).toBe(404);
  });
});
