// "Poll now" on a polling bundle (POST …/run without a payload), the explicit cursor reset, and
// the cursor surviving edits, disabling and enabling. A manual poll racing the cron's tick
// starts each row once.
import { describe, expect, it } from "vitest";
import { call } from "./support/api";
import { createBundle, enableBundle, manualBundle } from "./support/bundles";
import { nextRunAt, tickAndPoll } from "./support/cron";
import { runsOf } from "./support/runs";
import { failNextSheetReads, primedSheetBundle, sheetBundle, storedCursor } from "./support/sheets";
import { apiKey, signUp, type User } from "./support/workspace";

const pollNow = (u: User, id: string, token = u.token) => call("POST", `/api/v1/w/${u.workspaceId}/bundles/${id}/run`, { token, body: {} });

const rowsRun = async (u: User, id: string): Promise<string[]> => (await runsOf(u, id)).map((r) => r.trigger.order_id).sort();
const runIds = async (u: User, id: string): Promise<string[]> => (await runsOf(u, id)).map((r) => r.id).sort();

const HEADER = ["order_id", "title", "total"];

describe("poll now", () => {
  it("primes on the first poll, then starts one run per new row and advances the cursor", async () => {
    const u = await signUp("pollnow");
    const { id, addRows } = await sheetBundle(u, [HEADER, ["1", "Old", "10"]]);
    const first = await pollNow(u, id);
    expect(first.status).toBe(202);
    expect(first.json).toEqual({ run_ids: [], polled: true, primed: true });
    expect(await rowsRun(u, id)).toEqual([]);
    expect((await storedCursor(id))?.row).toBe(3);

    await addRows([["2", "Second"], ["3", "Third", "30"]]);
    const second = await pollNow(u, id);
    expect(second.json.primed).toBe(false);
    expect(second.json.run_ids).toHaveLength(2);
    expect(second.json.run_ids.sort()).toEqual(await runIds(u, id));
    expect(await rowsRun(u, id)).toEqual(["2", "3"]);
    expect((await storedCursor(id))?.row).toBe(5);

    // Nothing new: the cursor moved past the rows, so nothing runs again.
    expect((await pollNow(u, id)).json).toEqual({ run_ids: [], polled: true, primed: false });
    expect(await rowsRun(u, id)).toEqual(["2", "3"]);
  });

  it("racing the cron's tick (and another click) starts each row once", async () => {
    const u = await signUp("pollrace");
    const { id, addRows } = await primedSheetBundle(u, [HEADER]); // the cron primes
    await addRows([["7", "Seven"], ["8", "Eight"], ["9", "Nine"]]);
    const due = (await nextRunAt(id))!;
    const [a, b] = await Promise.all([pollNow(u, id), pollNow(u, id), tickAndPoll(due, id)]);
    expect(await rowsRun(u, id)).toEqual(["7", "8", "9"]);
    const all = await runIds(u, id);
    for (const res of [a, b]) {
      expect(res.status).toBe(202);
      expect(res.json.run_ids.every((r: string) => all.includes(r))).toBe(true);
    }
    await tickAndPoll((await nextRunAt(id))!, id);
    expect(await rowsRun(u, id)).toEqual(["7", "8", "9"]);
  });

  it("moves the next scheduled poll to after the manual one", async () => {
    const u = await signUp("pollnext");
    const { id } = await sheetBundle(u, [HEADER]);
    await enableBundle(u, id);
    const before = Date.now();
    expect((await nextRunAt(id))!).toBeLessThanOrEqual(before);
    await pollNow(u, id);
    expect((await nextRunAt(id))!).toBeGreaterThan(before + 60_000);
  });

  it("is refused to a viewer; a payload still forces one run with that data", async () => {
    const u = await signUp("pollview");
    const { id } = await sheetBundle(u, [HEADER, ["1", "x"]]);
    const refused = await pollNow(u, id, await apiKey(u, "viewer"));
    expect(refused.status).toBe(403);
    expect(await storedCursor(id)).toBeNull();
    const forced = await call("POST", `/api/v1/w/${u.workspaceId}/bundles/${id}/run`, { token: u.token, body: { payload: { order_id: "42", row_number: 9 } } });
    expect(forced.status).toBe(202);
    expect(Object.keys(forced.json)).toEqual(["run_id"]);
    expect(await rowsRun(u, id)).toEqual(["42"]);
    expect(await storedCursor(id)).toBeNull();
  });

  it("a poll the sheet fails answers 409 with Google's words, moves nothing, and the next poll loses nothing", async () => {
    const u = await signUp("pollfail");
    const { id, addRows } = await sheetBundle(u, [HEADER]);
    await pollNow(u, id);
    const cursor = await storedCursor(id);
    await addRows([["5", "Five"], ["6", "Six"]]);
    await failNextSheetReads({ count: 1, status: 500 });
    const res = await pollNow(u, id);
    expect(res.status).toBe(409);
    expect(res.json.error.message).toMatch(/Google Sheets failed with HTTP 500/);
    expect(await storedCursor(id)).toEqual(cursor);
    expect(await rowsRun(u, id)).toEqual([]);
    expect((await pollNow(u, id)).json.run_ids).toHaveLength(2);
    expect(await rowsRun(u, id)).toEqual(["5", "6"]);
  });
});

describe("the cursor", () => {
  it("is kept by saving, disabling and enabling: a row added meanwhile runs once, old rows never again", async () => {
    const u = await signUp("keepcursor");
    const { id, document, addRows } = await primedSheetBundle(u, [HEADER, ["1", "Old"]]);
    await addRows([["2", "Two"]]);
    await tickAndPoll((await nextRunAt(id))!, id);
    expect(await rowsRun(u, id)).toEqual(["2"]);
    const cursor = await storedCursor(id);

    await call("POST", `/api/v1/w/${u.workspaceId}/bundles/${id}/disable`, { token: u.token });
    await addRows([["3", "While off"]]);
    await call("PUT", `/api/v1/w/${u.workspaceId}/bundles/${id}`, { token: u.token, body: { ...document, name: "Edited while off" } });
    await enableBundle(u, id);
    expect(await storedCursor(id)).toEqual(cursor);
    // Had enabling or saving reset the cursor, this poll would only prime and skip row 3.
    await tickAndPoll((await nextRunAt(id))!, id);
    expect(await rowsRun(u, id)).toEqual(["2", "3"]);
  });

  it("reset is explicit: the next poll primes again, and a row after that runs", async () => {
    const u = await signUp("resetcursor");
    const { id, addRows } = await sheetBundle(u, [HEADER, ["1", "Old"]]);
    await pollNow(u, id);
    await addRows([["2", "Two"]]);
    await pollNow(u, id);
    expect(await rowsRun(u, id)).toEqual(["2"]);

    const viewer = await apiKey(u, "viewer");
    expect((await call("POST", `/api/v1/w/${u.workspaceId}/bundles/${id}/cursor/reset`, { token: viewer })).status).toBe(403);
    const reset = await call("POST", `/api/v1/w/${u.workspaceId}/bundles/${id}/cursor/reset`, { token: u.token });
    expect(reset.status).toBe(200);
    expect(reset.json).toEqual({ cursor: null });
    expect(await storedCursor(id)).toBeNull();

    await addRows([["3", "Before the prime"]]);
    expect((await pollNow(u, id)).json).toMatchObject({ run_ids: [], primed: true });
    await addRows([["4", "After the prime"]]);
    expect((await pollNow(u, id)).json.run_ids).toHaveLength(1);
    expect(await rowsRun(u, id)).toEqual(["2", "4"]);
  });

  it("reset is refused for a bundle without a cursor", async () => {
    const u = await signUp("resetmanual");
    const id = await createBundle(u, manualBundle());
    const reset = await call("POST", `/api/v1/w/${u.workspaceId}/bundles/${id}/cursor/reset`, { token: u.token });
    expect(reset.status).toBe(409);
    expect(reset.json.error.message).toMatch(/polling/);
  });
});
