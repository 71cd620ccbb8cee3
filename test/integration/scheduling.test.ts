// The cron's scheduling pass, called directly with controlled time: schedule triggers tick
// once per due time even when two ticks race, and a Sheets trigger primes its cursor, then
// starts one run per new row, never twice, keeping the cursor across edits.
import { createExecutionContext, createScheduledController, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import worker from "../../worker/index";
import { call, signUp } from "./support/api";
import { createBundle } from "./support/runs";
import { sheetBundle } from "./support/sheets";

async function tick(at: Date) {
  const ctx = createExecutionContext();
  await worker.scheduled(createScheduledController({ scheduledTime: at.getTime(), cron: "* * * * *" }), env, ctx);
  await waitOnExecutionContext(ctx);
}

async function runsOf(u: { token: string; workspaceId: string }, bundleId: string) {
  return (await call("GET", `/api/v1/w/${u.workspaceId}/runs?bundle_id=${bundleId}&limit=200`, { token: u.token })).json.items as Array<{ trigger: any }>;
}

async function nextRunAt(bundleId: string) {
  const row = await env.DB.prepare("SELECT next_run_at FROM bundle WHERE id = ?").bind(bundleId).first<{ next_run_at: number | null }>();
  return row?.next_run_at ?? null;
}

describe("schedule triggers", () => {
  it("tick when due, once per due time even when two ticks race, and not when disabled", async () => {
    const u = await signUp("sched");
    const id = await createBundle(u.token, u.workspaceId, {
      format: "bundle/1",
      name: "Every 5 minutes",
      trigger: { id: "tick", app: "schedule", event: "tick", schedule: { every_minutes: 5 } },
      steps: [{ id: "s", kind: "stop" }],
    });
    expect(await nextRunAt(id)).toBeNull();
    await call("POST", `/api/v1/w/${u.workspaceId}/bundles/${id}/enable`, { token: u.token });
    const due = await nextRunAt(id);
    expect(due).not.toBeNull();
    await tick(new Date(due! - 60_000));
    expect(await runsOf(u, id)).toHaveLength(0);
    await Promise.all([tick(new Date(due!)), tick(new Date(due!))]);
    const runs = await runsOf(u, id);
    expect(runs).toHaveLength(1);
    expect(runs[0].trigger).toEqual({ scheduled_at: new Date(due!).toISOString() });
    expect(await nextRunAt(id)).toBe(due! + 5 * 60_000);
    await call("POST", `/api/v1/w/${u.workspaceId}/bundles/${id}/disable`, { token: u.token });
    await tick(new Date(due! + 10 * 60_000));
    expect(await runsOf(u, id)).toHaveLength(1);
  });
});

describe("Google Sheets new rows", () => {
  it("prime on the first poll, one run per new row, never twice, cursor kept across edits", async () => {
    const u = await signUp("poll");
    const { id, document: doc, addRows } = await sheetBundle(u, [["order_id", "title", "total"], ["1", "Old", "10"]]);
    await call("POST", `/api/v1/w/${u.workspaceId}/bundles/${id}/enable`, { token: u.token });
    let now = (await nextRunAt(id))!;
    await tick(new Date(now));
    expect(await runsOf(u, id)).toHaveLength(0); // primed: the existing row starts nothing

    await addRows([["2", "Second"], ["3", "Third", "30"]]);
    now = (await nextRunAt(id))!;
    await tick(new Date(now));
    const runs = await runsOf(u, id);
    expect(runs.map((r) => r.trigger).sort((a, b) => a.row_number - b.row_number)).toEqual([
      { row_number: 3, order_id: "2", title: "Second", total: "" },
      { row_number: 4, order_id: "3", title: "Third", total: "30" },
    ]);

    // Saving the bundle again (a new version) keeps the cursor: no row runs twice.
    await call("PUT", `/api/v1/w/${u.workspaceId}/bundles/${id}`, { token: u.token, body: { ...doc, name: "Renamed" } });
    await addRows([["4", "Fourth", "40"]]);
    now = (await nextRunAt(id))!;
    await tick(new Date(now));
    const after = await runsOf(u, id);
    expect(after).toHaveLength(3);
    expect(after.filter((r) => r.trigger.order_id === "4")).toHaveLength(1);
  });
});

describe("schedule preview", () => {
  it("lists the next times before saving, and names a bad field", async () => {
    const res = await call("POST", "/api/v1/schedule/next-runs", {
      body: { schedule: { at: ["09:00"], timezone: "Europe/Moscow" }, count: 2, after: "2026-11-23T07:00:00Z" },
    });
    expect(res.json).toEqual({ next: ["2026-11-24T06:00:00.000Z", "2026-11-25T06:00:00.000Z"] });
    const bad = await call("POST", "/api/v1/schedule/next-runs", { body: { schedule: { at: ["9am"], timezone: "Europe/Moscow" } } });
    expect(bad.status).toBe(400);
    expect(bad.json.error.path).toMatch(/^\/schedule/);
  });
});
