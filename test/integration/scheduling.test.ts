// The cron's scheduling pass, called directly with controlled time: schedule triggers tick
// once per due time even when two ticks race, and a Sheets trigger primes its cursor, then
// starts one run per new row, never twice, keeping the cursor across edits.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { database } from "../../db/client";
import { getBundle } from "../../db/queries/bundles";
import { openWorkspaceScope } from "../../db/queries/workspace-scope";
import type { Bundle } from "../../worker/flow";
import { pollSheet } from "../../worker/schedule/poll-sheet";
import { call } from "./support/api";
import { createBundle, enableBundle, scheduleBundle } from "./support/bundles";
import { nextRunAt, tick, tickAndPoll } from "./support/cron";
import { ledgerSql } from "./support/ledger";
import { runsOf } from "./support/runs";
import { failNextSheetReads, primedSheetBundle } from "./support/sheets";
import { signUp } from "./support/workspace";

describe("schedule triggers", () => {
  it("tick when due, once per due time even when two ticks race, and not when disabled", async () => {
    const u = await signUp("sched");
    const id = await createBundle(u, scheduleBundle({ every_minutes: 5 }, { name: "Every 5 minutes", steps: [{ id: "s", kind: "stop" }] }));
    expect(await nextRunAt(id)).toBeNull();
    await enableBundle(u, id);
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
    const { id, document: doc, addRows } = await primedSheetBundle(u, [["order_id", "title", "total"], ["1", "Old", "10"]]);
    expect(await runsOf(u, id)).toHaveLength(0); // primed: the existing row starts nothing

    await addRows([["2", "Second"], ["3", "Third", "30"]]);
    let now = (await nextRunAt(id))!;
    await tickAndPoll(now, id);
    const runs = await runsOf(u, id);
    expect(runs.map((r) => r.trigger).sort((a, b) => a.row_number - b.row_number)).toEqual([
      // Without a key column a row is known by its content: the run log shows its fingerprint.
      { row_number: 3, row_key: expect.stringMatching(/^#[0-9a-f]{8}$/), order_id: "2", title: "Second", total: "" },
      { row_number: 4, row_key: expect.stringMatching(/^#[0-9a-f]{8}$/), order_id: "3", title: "Third", total: "30" },
    ]);

    // Saving the bundle again (a new version) keeps the cursor: no row runs twice.
    await call("PUT", `/api/v1/w/${u.workspaceId}/bundles/${id}`, { token: u.token, body: { ...doc, name: "Renamed" } });
    await addRows([["4", "Fourth", "40"]]);
    now = (await nextRunAt(id))!;
    await tickAndPoll(now, id);
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

const HEADER_ONLY = [["order_id", "title"]];

describe("a big batch of new rows", () => {
  it("is read page after page; a poll stops at its cap and the next one goes on where it stopped", async () => {
    const u = await signUp("pages");
    const { id, addRows } = await primedSheetBundle(u, HEADER_ONLY);
    await addRows(Array.from({ length: 25 }, (_, i) => [String(i + 1), `Row ${i + 1}`]));
    const scope = openWorkspaceScope(database(env), u.workspaceId);
    const bundle = (await getBundle(scope, id))!;
    const first = await pollSheet(env, scope, bundle, bundle.document as Bundle, { pageRows: 10, maxRows: 20 });
    expect(first).toMatchObject({ primed: false, more: true });
    expect(first.runIds).toHaveLength(20);
    const second = await pollSheet(env, scope, bundle, bundle.document as Bundle, { pageRows: 10, maxRows: 20 });
    expect(second).toMatchObject({ primed: false, more: false });
    expect(second.runIds).toHaveLength(5);
    const ran = (await runsOf(u, id)).map((r) => Number(r.trigger.order_id)).sort((a, b) => a - b);
    expect(ran).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
  });

  // 2,100 runs recorded and executed: on a busy machine that is minutes, not seconds.
  it("past one page, a tick's poll starts every row once", { timeout: 180_000 }, async () => {
    const u = await signUp("bigpoll");
    const { id, addRows } = await primedSheetBundle(u, HEADER_ONLY);
    await addRows(Array.from({ length: 2_100 }, (_, i) => [String(i + 1), `Row ${i + 1}`]));
    await tickAndPoll((await nextRunAt(id))!, id);
    // The poll writes the cursor after each page of 2,000: wait for the second page's runs
    // (a poll that stopped after the first would leave this waiting until the test's timeout).
    for (;;) {
      const [{ n }] = await ledgerSql(u.workspaceId, "SELECT count(*) AS n FROM run WHERE bundle_id = ?", id);
      if (Number(n) >= 2_100) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const rows = await ledgerSql(u.workspaceId, "SELECT count(*) AS n, count(DISTINCT event_key) AS events FROM run WHERE bundle_id = ?", id);
    expect(rows[0]).toEqual({ n: 2_100, events: 2_100 });
  });
});

describe("a poll the sheet turns away", () => {
  it("is tried again by the queue after Retry-After, and loses no row", async () => {
    const u = await signUp("poll429");
    const { id, addRows } = await primedSheetBundle(u, HEADER_ONLY);
    await addRows([["1", "One"], ["2", "Two"]]);
    await failNextSheetReads({ count: 1, status: 429, retryAfter: 1 });
    const due = (await nextRunAt(id))!;
    // The first try fails before the cursor is written; the queue's retry a second later writes it.
    await tickAndPoll(due, id);
    expect((await runsOf(u, id)).map((r) => r.trigger.order_id).sort()).toEqual(["1", "2"]);
    // The tick had already moved the next poll on: the retry came from the queue, not the cron.
    expect((await nextRunAt(id))!).toBeGreaterThan(due);
  });
});
