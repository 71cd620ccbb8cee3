// Sheet rows never slip (issue 22, decision 0031): a Sheets trigger knows rows by a key column
// or their content, not their row number, so no row is lost or run twice when people delete,
// insert, move or sort rows above the cursor, fill blank rows later, rename headers, or clear
// and refill the sheet; polls that fail half-way or race each other; "new or updated rows";
// a 50,000-row sheet; and cursors of the old row-number form moved by migration 0015.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { database } from "../../db/client";
import { getBundle } from "../../db/queries/bundles";
import { openWorkspaceScope } from "../../db/queries/workspace-scope";
import type { Bundle } from "../../worker/flow";
import { pollSheet } from "../../worker/schedule/poll-sheet";
import { runInDurableObject } from "cloudflare:test";
import { ledgerDatabase } from "../../db/ledger/client";
import { forgetSheetRows } from "../../db/ledger/queries/sheet-rows";
import { call } from "./support/api";
import { fireLedgerAlarm, ledgerSql, ledgerStub } from "./support/ledger";
import { runsOf } from "./support/runs";
import { failSheetReadAfter, sheetBundle, storedCursor } from "./support/sheets";
import { signUp, type User } from "./support/workspace";

const HEADER = ["order_id", "title"];
const D = (n: number) => [`D-${n}`, `Order ${n}`];

const pollNow = async (u: User, id: string) => {
  const res = await call("POST", `/api/v1/w/${u.workspaceId}/bundles/${id}/run`, { token: u.token, body: {} });
  if (res.status !== 202) throw new Error(`poll refused: ${res.status} ${res.text}`);
  return res.json as { run_ids: string[]; primed: boolean };
};

/** The keys of the bundle's runs, sorted; a row run twice shows twice. */
const ran = async (u: User, id: string) => (await runsOf(u, id)).map((r) => r.trigger.order_id as string).sort();

const directPoll = async (u: User, id: string, options: Parameters<typeof pollSheet>[4] = {}) => {
  const scope = openWorkspaceScope(database(env), u.workspaceId);
  const bundle = (await getBundle(scope, id))!;
  return pollSheet(env, scope, bundle, bundle.document as Bundle, options);
};

describe.each([
  { identity: "content", options: {} },
  { identity: "a key column", options: { key_column: "order_id" } },
])("rows known by $identity", ({ options }) => {
  it("the issue's story: rows deleted above, a blank row filled later, none lost, none twice", async () => {
    const u = await signUp("slip");
    const { id, addRows, editRows, rowsNow } = await sheetBundle(u, [HEADER, D(1), D(2)], {}, options);
    expect((await pollNow(u, id)).primed).toBe(true);

    await addRows([D(3), [], D(5)]);
    await pollNow(u, id);
    expect(await ran(u, id)).toEqual(["D-3", "D-5"]);

    // A person deletes D-1's row, then D-6 is appended: it lands on a row number the cursor passed.
    await editRows((await rowsNow()).filter((r) => r[0] !== "D-1"));
    await addRows([D(6)]);
    await pollNow(u, id);
    expect(await ran(u, id)).toEqual(["D-3", "D-5", "D-6"]);

    // Someone types D-4 into the blank row.
    await editRows((await rowsNow()).map((r) => (r.length === 0 ? D(4) : r)));
    await pollNow(u, id);
    expect(await ran(u, id)).toEqual(["D-3", "D-4", "D-5", "D-6"]);

    // A row inserted at the top, then the whole sheet sorted the other way: only the new row runs.
    const [header, ...rows] = await rowsNow();
    await editRows([header, D(7), ...rows]);
    await pollNow(u, id);
    const [h, ...again] = await rowsNow();
    await editRows([h, ...again.sort((a, b) => b[0].localeCompare(a[0]))]);
    await pollNow(u, id);
    expect(await ran(u, id)).toEqual(["D-3", "D-4", "D-5", "D-6", "D-7"]);
    expect(await pollNow(u, id)).toMatchObject({ run_ids: [] });

    // Cleared down to the header and refilled: the new rows run; rows already run do not.
    await editRows([HEADER]);
    await pollNow(u, id);
    await addRows([D(8), D(3), D(9)]);
    await pollNow(u, id);
    expect(await ran(u, id)).toEqual(["D-3", "D-4", "D-5", "D-6", "D-7", "D-8", "D-9"]);
  });

  it("a row moved within the cheap poll's window, or far above it, runs once", async () => {
    const u = await signUp("move");
    const many = Array.from({ length: 120 }, (_, i) => D(100 + i));
    const { id, addRows, editRows, rowsNow } = await sheetBundle(u, [HEADER, ...many], {}, options);
    await pollNow(u, id);
    // Row 10 moved to the end: far above the window, so only the window's change shows it.
    const [header, ...rows] = await rowsNow();
    await editRows([header, ...rows.slice(0, 9), ...rows.slice(10), rows[9]]);
    await addRows([D(1)]);
    await pollNow(u, id);
    expect(await ran(u, id)).toEqual(["D-1"]);
  });
});

describe("the cheap poll", () => {
  it("reads the header and one range when nothing changed; a blank row far above is found by the daily full read", async () => {
    const u = await signUp("cheap");
    const rows = Array.from({ length: 300 }, (_, i) => D(1000 + i));
    rows[20] = [];
    const { id, editRows, rowsNow, reads } = await sheetBundle(u, [HEADER, ...rows], {}, { key_column: "order_id" });
    await directPoll(u, id);
    const before = await reads();
    const quiet = await directPoll(u, id);
    expect(quiet).toMatchObject({ runIds: [], scanned: false });
    const after = await reads();
    expect(after.calls - before.calls).toBe(2); // the header row, the window and the tail
    expect(after.rows - before.rows).toBe(1 + 50); // the header and the window's 50 rows

    // Filling a blank row 280 rows above the cursor changes nothing the cheap poll reads...
    await editRows((await rowsNow()).map((r) => (r.length === 0 ? D(1) : r)));
    expect((await directPoll(u, id)).runIds).toEqual([]);
    // ...until the full read, at least daily.
    const tomorrow = await directPoll(u, id, { now: Date.now() + 86_400_000 });
    expect(tomorrow).toMatchObject({ scanned: true });
    expect(await ran(u, id)).toEqual(["D-1"]);
  });
});

describe("new or updated rows", () => {
  it("runs a row again once per change of a watched column, not for other columns", async () => {
    const u = await signUp("updated");
    const header = ["order_id", "title", "status"];
    const { id, addRows, editRows, rowsNow } = await sheetBundle(u, [header, ["1", "One", "new"]], {}, { key_column: "order_id", mode: "new_or_updated", watch_columns: ["status"] });
    await pollNow(u, id);
    const setRow = async (key: string, row: string[]) => editRows((await rowsNow()).map((r) => (r[0] === key ? row : r)));
    const changes = async () => (await runsOf(u, id)).map((r) => `${r.trigger.order_id}:${r.trigger.status}:${r.trigger.row_change}`).sort();

    await setRow("1", ["1", "One", "paid"]);
    await pollNow(u, id);
    expect(await changes()).toEqual(["1:paid:updated"]);
    expect((await pollNow(u, id)).run_ids).toEqual([]); // once per change, not per poll

    await setRow("1", ["1", "Renamed", "paid"]); // not a watched column
    await addRows([["2", "Two", "new"]]);
    await pollNow(u, id);
    expect(await changes()).toEqual(["1:paid:updated", "2:new:new"]);

    // Back to an earlier value is a change too.
    await setRow("1", ["1", "Renamed", "new"]);
    await pollNow(u, id);
    expect(await changes()).toEqual(["1:new:updated", "1:paid:updated", "2:new:new"]);
  });

  it("watching other columns notes today's values without running known rows; new rows still run", async () => {
    const u = await signUp("rewatch");
    const header = ["order_id", "title", "status"];
    const { id, document, addRows } = await sheetBundle(u, [header, ["1", "One", "new"]], {}, { key_column: "order_id", mode: "new_or_updated", watch_columns: ["status"] });
    await pollNow(u, id);
    const trigger = { ...document.trigger, options: { ...document.trigger.options, watch_columns: ["title", "status"] } };
    expect((await call("PUT", `/api/v1/w/${u.workspaceId}/bundles/${id}`, { token: u.token, body: { ...document, trigger } })).status).toBe(200);
    await addRows([["2", "Two", "new"]]);
    await pollNow(u, id);
    expect(await ran(u, id)).toEqual(["2"]);
  });
});

describe("failures and races", () => {
  it("a poll that fails half-way starts the rest on the next poll, none twice", async () => {
    const u = await signUp("halfway");
    const { id, addRows } = await sheetBundle(u, [HEADER], {}, { key_column: "order_id" });
    await directPoll(u, id);
    await addRows(Array.from({ length: 10 }, (_, i) => D(i + 1)));
    // The header and the first page of 3 rows are read, the second page fails.
    await failSheetReadAfter(2);
    await expect(directPoll(u, id, { pageRows: 3 })).rejects.toThrow(/Injected 500/);
    expect(await ran(u, id)).toEqual(["D-1", "D-2", "D-3"]);
    await directPoll(u, id, { pageRows: 3 });
    expect(await ran(u, id)).toEqual(Array.from({ length: 10 }, (_, i) => `D-${i + 1}`).sort());
  });

  it("a full read that fails part-way loses nothing and repeats nothing", async () => {
    const u = await signUp("halfscan");
    const { id, addRows, editRows, rowsNow } = await sheetBundle(u, [HEADER, D(1), D(2)], {}, { key_column: "order_id" });
    await directPoll(u, id);
    await editRows((await rowsNow()).filter((r) => r[0] !== "D-1"));
    await addRows([D(3), D(4)]);
    // The header, the window (changed) and the full read's first page succeed; the page after it fails.
    await failSheetReadAfter(3);
    await expect(directPoll(u, id)).rejects.toThrow(/Injected 500/);
    await directPoll(u, id);
    expect(await ran(u, id)).toEqual(["D-3", "D-4"]);
  });

  it("polls racing each other start each row once", async () => {
    const u = await signUp("sheetrace");
    const { id, addRows, editRows, rowsNow } = await sheetBundle(u, [HEADER, D(1), D(2)], {}, {});
    await pollNow(u, id);
    await addRows([D(3), D(4)]);
    await Promise.all([pollNow(u, id), directPoll(u, id), directPoll(u, id)]);
    await editRows((await rowsNow()).filter((r) => r[0] !== "D-2"));
    await addRows([D(5)]);
    await Promise.all([pollNow(u, id), directPoll(u, id), directPoll(u, id)]);
    expect(await ran(u, id)).toEqual(["D-3", "D-4", "D-5"]);
  });
});

describe("headers and ragged rows", () => {
  it("a renamed header keeps every row known; a renamed key column stops the poll with its name until the trigger names it again", async () => {
    const u = await signUp("rename");
    const { id, document, addRows, editRows, rowsNow } = await sheetBundle(u, [HEADER, D(1)], {}, { key_column: "order_id" });
    await pollNow(u, id);
    const rename = async (from: string, to: string) => {
      const [header, ...rows] = await rowsNow();
      await editRows([header.map((h) => (h === from ? to : h)), ...rows]);
    };
    await rename("title", "name");
    await addRows([D(2)]);
    await pollNow(u, id);
    expect((await runsOf(u, id)).map((r) => r.trigger)).toEqual([expect.objectContaining({ order_id: "D-2", name: "Order 2", row_key: "D-2", row_number: 3 })]);

    await rename("order_id", "id");
    await addRows([D(3)]);
    const refused = await call("POST", `/api/v1/w/${u.workspaceId}/bundles/${id}/run`, { token: u.token, body: {} });
    expect(refused.status).toBe(409);
    expect(refused.json.error.message).toContain("«order_id»");
    const trigger = { ...document.trigger, options: { ...document.trigger.options, key_column: "id" } };
    expect((await call("PUT", `/api/v1/w/${u.workspaceId}/bundles/${id}`, { token: u.token, body: { ...document, trigger } })).status).toBe(200);
    await pollNow(u, id);
    expect((await runsOf(u, id)).map((r) => r.trigger.id ?? r.trigger.order_id).sort()).toEqual(["D-2", "D-3"]);
  });

  it("a ragged row runs once with empty fields; typing the rest of it later does not run it again", async () => {
    const u = await signUp("ragged");
    const { id, addRows, editRows, rowsNow } = await sheetBundle(u, [["order_id", "title", "total"], ["1"]], {}, { key_column: "order_id" });
    await pollNow(u, id);
    await addRows([["2"], ["3", "", "30"]]);
    await pollNow(u, id);
    await editRows((await rowsNow()).map((r) => (r[0] === "2" ? ["2", "Two", "20"] : r)));
    await addRows([["4", "Four"]]);
    await pollNow(u, id);
    const triggers = (await runsOf(u, id)).map((r) => r.trigger).sort((a, b) => a.row_number - b.row_number);
    expect(triggers.map(({ order_id, title, total }) => [order_id, title, total])).toEqual([
      ["2", "", ""],
      ["3", "", "30"],
      ["4", "Four", ""],
    ]);
  });
});

describe("a sheet of 50,000 rows", () => {
  it("primes, then runs only the rows added among them after rows above were deleted and sorted", { timeout: 300_000 }, async () => {
    const u = await signUp("big");
    const rows = Array.from({ length: 50_000 }, (_, i) => D(i + 1));
    const { id, editRows, rowsNow, reads } = await sheetBundle(u, [HEADER, ...rows], {}, { key_column: "order_id" });
    expect((await directPoll(u, id)).primed).toBe(true);
    const [header, ...all] = await rowsNow();
    const edited = [...all.slice(100), D(60_001), D(60_002)].sort((a, b) => b[0].localeCompare(a[0]));
    await editRows([header, ...edited]);
    const before = await reads();
    const poll = await directPoll(u, id);
    expect(poll).toMatchObject({ scanned: true });
    expect(poll.runIds).toHaveLength(2);
    expect(await ran(u, id)).toEqual(["D-60001", "D-60002"]);
    // The full read: the header, the window, 10 pages of 5,000 and the empty page after them.
    expect((await reads()).calls - before.calls).toBe(13);
  });
});

describe("cursors of the old row-number form", () => {
  it("are moved by migration 0015: rows above the old cursor never run again, rows from it on run once", async () => {
    const u = await signUp("legacy");
    const { id, spreadsheetId, addRows } = await sheetBundle(u, [HEADER, D(1), D(2), D(3), D(4)], {}, {});
    // The old poll had read rows 2 and 3 (its cursor: row 4); D-3 and D-4 came after.
    const legacy = { spreadsheet_id: spreadsheetId, sheet: "Orders", row: 4, primed_at: Date.now() - 60_000 };
    await env.DB.prepare("INSERT INTO trigger_cursor (bundle_id, workspace_id, cursor, updated_at) VALUES (?, ?, ?, ?)").bind(id, u.workspaceId, JSON.stringify(legacy), Date.now()).run();
    const migration = env.TEST_MIGRATIONS.find((m) => m.name.startsWith("0015_"))!;
    for (const query of migration.queries) await env.DB.prepare(query).run();
    expect(await storedCursor(id)).toMatchObject({ v: 2, row: 4, adopt_below: 4 });

    await pollNow(u, id);
    expect(await ran(u, id)).toEqual(["D-3", "D-4"]);
    await addRows([D(5)]);
    await pollNow(u, id);
    expect(await ran(u, id)).toEqual(["D-3", "D-4", "D-5"]);
    expect(await storedCursor(id)).not.toHaveProperty("adopt_below");
  });
});

describe("the remembered rows", () => {
  it("are kept while in the sheet, forgotten 90 days after they left it, and bounded per bundle", async () => {
    const u = await signUp("forget");
    const { id, addRows, editRows, rowsNow } = await sheetBundle(u, [HEADER, D(1), D(2)], {}, { key_column: "order_id" });
    await pollNow(u, id);
    const remembered = async () => Number((await ledgerSql(u.workspaceId, "SELECT count(*) AS n FROM sheet_row WHERE bundle_id = ?", id))[0].n);
    expect(await remembered()).toBe(2);
    await editRows((await rowsNow()).filter((r) => r[0] !== "D-1"));
    await ledgerSql(u.workspaceId, "UPDATE sheet_row SET seen_at = ?", Date.now() - 91 * 86_400_000);
    // The daily full read notes D-2 as still there; D-1 has been gone over 90 days.
    await directPoll(u, id, { now: Date.now() + 86_400_000 });
    await fireLedgerAlarm(u.workspaceId);
    expect(await remembered()).toBe(1);
    // Forgotten means new again: documented, and why the retention is long.
    await addRows([D(1)]);
    await pollNow(u, id);
    expect(await ran(u, id)).toEqual(["D-1"]);

    await addRows([D(3), D(4)]);
    await pollNow(u, id);
    await runInDurableObject(ledgerStub(u.workspaceId), (_object, state) => forgetSheetRows(ledgerDatabase(state.storage), 0, 2));
    expect(await remembered()).toBe(2);
  });
});
