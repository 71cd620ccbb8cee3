// A Sheets trigger's poll (decision 0031). Rows are known by identity (sheet-identity.ts), not
// by row number: the identities already run are remembered in the bundle's run ledger, so a row
// runs once wherever deletions, inserts or sorting move it. A cheap poll reads the rows past the
// durable cursor plus a window of rows before it; when the window no longer matches what the last
// poll saw (rows above were deleted, inserted, moved, blank rows filled, the sheet cleared), once
// a day, and on every poll of "new or updated rows", the whole sheet is read instead. The cron's
// polls (through the polls queue) and "poll now" both poll here.
import { readCursor, writeCursor } from "../../db/queries/schedule";
import type { WorkspaceScope } from "../../db/queries/workspace-scope";
import type { BundleRow } from "../../db/queries/bundles";
import type { RememberedRow } from "../../db/ledger/queries/sheet-rows";
import { mapRow, readHeaders, readRowsFrom } from "../connectors/google_sheets/rows";
import type { SheetsClient } from "../connectors/google_sheets/client";
import type { Env } from "../env";
import type { Bundle } from "../flow";
import { limitsFor, type Limits } from "../quotas/limits";
import { startRuns } from "../runs/intake";
import { ledgerOf, type Ledger } from "../runs/ledger";
import { shardOf } from "../runs/ledger-shard";
import { openSheetSource } from "./sheet-source";
import { hashRows, rowEventKey, rowIdentifier, type IdentifiedRow, type RowIdentifier, type SheetTriggerOptions } from "./sheet-identity";

/** The cursor in D1 (trigger_cursor). Cursors of the row-number form are moved to it by migration 0015. */
export interface SheetCursor {
  v: 2;
  spreadsheet_id: string;
  sheet: string;
  /** The identifier's signature (header row, key column) the remembered rows were made with. */
  identity?: string;
  /** The watched columns the remembered rows' hashes were made with. */
  watching?: string;
  /** The row after the last one read (rows past it are new to the cheap poll). */
  row: number;
  /** Hash of the rows in the window before `row`, as the last poll saw them. */
  window?: string;
  /** When the whole sheet was last read to the end. */
  scanned_at?: number;
  /** When the bundle was primed on this sheet: the sync's progress counts runs since then. */
  primed_at?: number;
  /** A full read stopped at its run cap: the next poll reads the whole sheet again. */
  rescan?: boolean;
  /** From a row-number cursor: rows above this one were run already and are remembered, not run. */
  adopt_below?: number;
  /** The ledger shard holding the remembered rows (the bundle's home shard, even when its runs are spread): it stays put if the workspace's shards grow. */
  shard?: number;
}

/** Rows before the cursor re-read by every cheap poll to notice changes above it. */
export const WINDOW_ROWS = 50;
/**
 * Rows a tail page and a full read's page hold, and runs a poll starts at most. Google allows 60
 * reads a minute per user, so pages are large; a poll stops at its cap (a sheet with more left
 * sends the next poll at once) so one invocation stays well inside its subrequests.
 */
const PAGE_ROWS = 2_000;
const SCAN_PAGE_ROWS = 5_000;
export const MAX_ROWS_PER_POLL = 6_000;
/** Data rows a full read takes at most; rows past them are read as the cheap poll's tail. */
export const MAX_SHEET_ROWS = 100_000;
export const RESCAN_EVERY_MS = 86_400_000;
/** Identities per ledger call and rows per intake call. */
const CHUNK = 1_000;

interface Poll {
  env: Env;
  scope: WorkspaceScope;
  bundle: BundleRow;
  client: SheetsClient;
  options: SheetTriggerOptions;
  headers: string[];
  identifier: RowIdentifier;
  memory: Ledger;
  limits: Limits;
  cursor: Omit<SheetCursor, "row" | "window">;
  firstDataRow: number;
  pageRows: number;
  maxRows: number;
  now: number;
}

export interface PollResult {
  primed: boolean;
  runIds: string[];
  /** Rows past the run cap are left: the caller polls again at once. */
  more: boolean;
  /** Whether this poll read the whole sheet. */
  scanned: boolean;
}

export async function pollSheet(
  env: Env,
  scope: WorkspaceScope,
  bundle: BundleRow,
  document: Bundle,
  { pageRows = PAGE_ROWS, maxRows = MAX_ROWS_PER_POLL, now = Date.now() } = {},
): Promise<PollResult> {
  const { options, client } = await openSheetSource(env, scope, document);
  const headerRow = options.header_row ?? 1;
  const headers = await readHeaders(client, { spreadsheetId: options.spreadsheet_id, sheet: options.sheet, headerRow });
  const identifier = rowIdentifier(options, headers);
  const stored = upgradeCursor(await readCursor(scope, bundle.id));
  // The cursor belongs to one sheet: pointing the bundle at another sheet primes afresh.
  const same = stored && stored.spreadsheet_id === options.spreadsheet_id && stored.sheet === options.sheet ? stored : undefined;
  const limits = await limitsFor(env, scope);
  const shard = same?.shard ?? shardOf(bundle.id, limits.ledgerShards);
  const poll: Poll = {
    env,
    scope,
    bundle,
    client,
    options,
    headers,
    identifier,
    memory: ledgerOf(env, scope.workspaceId, shard),
    limits,
    cursor: { v: 2, spreadsheet_id: options.spreadsheet_id, sheet: options.sheet, identity: identifier.signature, watching: identifier.watching, shard, scanned_at: same?.scanned_at, primed_at: same?.primed_at ?? now },
    firstDataRow: headerRow + 1,
    pageRows,
    maxRows,
    now,
  };
  if (!same) return readWholeSheet(poll, { adoptBelow: Infinity });
  if (same.adopt_below !== undefined) return readWholeSheet(poll, { adoptBelow: same.adopt_below });
  // Another key column (or header row): rows would get new identities, so today's are remembered anew, none run.
  if (same.identity !== identifier.signature) return readWholeSheet(poll, { adoptBelow: Infinity });
  // Other watched columns: a known row's hash is noted again without a run; rows not known yet still run.
  if ((same.watching ?? "[]") !== identifier.watching) return readWholeSheet(poll, { adoptBelow: 0, rebaseline: true });
  if (same.rescan || identifier.mode === "new_or_updated" || now - (same.scanned_at ?? 0) >= RESCAN_EVERY_MS) return readWholeSheet(poll, { adoptBelow: 0 });
  return readTail(poll, same);
}

/** A cursor of the row-number form (written before migration 0015 ran) adopts its rows as that migration would. */
function upgradeCursor(stored: unknown): SheetCursor | undefined {
  if (!stored || typeof stored !== "object") return undefined;
  const cursor = stored as SheetCursor;
  return cursor.v === 2 ? cursor : { ...cursor, v: 2, adopt_below: cursor.row };
}

/**
 * The cheap poll: the window before the cursor and the rows after it, in one read. A window that
 * changed means rows above moved, appeared or went: the whole sheet is read instead.
 */
async function readTail(poll: Poll, cursor: SheetCursor): Promise<PollResult> {
  const from = Math.max(poll.firstDataRow, cursor.row - WINDOW_ROWS);
  const windowRows = cursor.row - from;
  let page = await read(poll, from, windowRows + poll.pageRows);
  const window = Array.from({ length: windowRows }, (_, i) => page.rows[i] ?? []);
  if ((await hashRows(window)) !== cursor.window) return readWholeSheet(poll, { adoptBelow: 0 });
  // The rows from `from` on read so far: the next window is their last WINDOW_ROWS.
  let seen = page.rows;
  let offset = windowRows;
  const runIds: string[] = [];
  for (let runs = 0; ; ) {
    const fresh = page.rows.slice(offset).map((cells, i) => ({ cells, rowNumber: page.fromRow + offset + i }));
    const rows = await identifyAll(poll.identifier, fresh);
    const toRun = (await recall(poll, rows)).filter(({ remembered }) => !remembered).map(({ row }) => ({ row, revision: 0 }));
    runIds.push(...(await runRows(poll, toRun)));
    runs += toRun.length;
    const next = page.fromRow + page.rows.length;
    await writeCursor(poll.scope, poll.bundle.id, { ...poll.cursor, row: next, window: await hashRows(seen.slice(-Math.min(WINDOW_ROWS, next - poll.firstDataRow))) } satisfies SheetCursor);
    // A full page means more rows may follow it.
    if (page.rows.length < offset + poll.pageRows) return { primed: false, runIds, more: false, scanned: false };
    if (runs >= poll.maxRows) return { primed: false, runIds, more: true, scanned: false };
    page = await read(poll, next, poll.pageRows);
    seen = [...seen.slice(-WINDOW_ROWS), ...page.rows];
    offset = 0;
  }
}

/**
 * Reads the whole sheet and runs every row not remembered (or, watching columns, changed since
 * it last ran). Rows above `adoptBelow` are remembered without running: Infinity primes (the
 * first poll, another sheet or identity), a row number adopts an old row-number cursor's rows.
 * `rebaseline` notes the watched hashes of known rows without running them.
 */
async function readWholeSheet(poll: Poll, { adoptBelow, rebaseline = false }: { adoptBelow: number; rebaseline?: boolean }): Promise<PollResult> {
  // Pages at fixed offsets until one is empty: Google leaves out a page's trailing blank rows, so
  // a short page may be followed by more data after a gap.
  const cells: string[][] = [];
  for (let from = poll.firstDataRow; cells.length < MAX_SHEET_ROWS; from += SCAN_PAGE_ROWS) {
    const page = await read(poll, from, Math.min(SCAN_PAGE_ROWS, MAX_SHEET_ROWS - cells.length));
    if (page.rows.length === 0) break;
    while (cells.length < from - poll.firstDataRow) cells.push([]);
    cells.push(...page.rows);
  }
  const rows = await identifyAll(
    poll.identifier,
    cells.map((row, i) => ({ cells: row, rowNumber: poll.firstDataRow + i })),
  );
  const toRun: Array<{ row: IdentifiedRow; revision: number }> = [];
  const adopt: RememberedRow[] = [];
  const present: string[] = [];
  for (const { row, remembered } of await recall(poll, rows)) {
    if (row.rowNumber < adoptBelow || (rebaseline && remembered)) {
      if (!remembered || remembered.watched !== row.watched) adopt.push({ identity: row.identity, watched: row.watched, revision: remembered?.revision ?? 0 });
      else present.push(row.identity);
    } else if (!remembered) toRun.push({ row, revision: 0 });
    else if (row.watched !== null && remembered.watched !== row.watched) toRun.push({ row, revision: remembered.revision + 1 });
    else present.push(row.identity);
  }
  for (let i = 0; i < adopt.length; i += CHUNK) await poll.memory.rememberSheetRows(poll.bundle.id, adopt.slice(i, i + CHUNK));
  for (let i = 0; i < present.length; i += CHUNK) await poll.memory.touchSheetRows(poll.bundle.id, present.slice(i, i + CHUNK));
  const runIds = await runRows(poll, toRun.slice(0, poll.maxRows));
  const complete = toRun.length <= poll.maxRows;
  const end = poll.firstDataRow + cells.length;
  const cursor: SheetCursor = {
    ...poll.cursor,
    row: end,
    window: await hashRows(cells.slice(-WINDOW_ROWS)),
    ...(complete ? { scanned_at: poll.now } : { rescan: true }),
  };
  await writeCursor(poll.scope, poll.bundle.id, cursor);
  return { primed: adoptBelow === Infinity, runIds, more: !complete, scanned: true };
}

async function read(poll: Poll, fromRow: number, maxRows: number) {
  const { spreadsheet_id: spreadsheetId, sheet } = poll.options;
  return readRowsFrom(poll.client, { spreadsheetId, sheet, fromRow, maxRows, columns: Math.max(poll.headers.length, 1) });
}

/** Identified rows, blank and key-less ones left out; of two rows with one identity, the first counts. */
async function identifyAll(identifier: RowIdentifier, rows: Array<{ cells: string[]; rowNumber: number }>): Promise<IdentifiedRow[]> {
  const identified = await Promise.all(rows.map(({ cells, rowNumber }) => identifier.identify(rowNumber, cells)));
  const seen = new Set<string>();
  return identified.filter((row): row is IdentifiedRow => {
    if (!row || seen.has(row.identity)) return false;
    seen.add(row.identity);
    return true;
  });
}

/** Each row with what the ledger remembers of it. */
async function recall(poll: Poll, rows: IdentifiedRow[]) {
  const remembered = new Map<string, RememberedRow>();
  for (let i = 0; i < rows.length; i += CHUNK) {
    for (const r of await poll.memory.recallSheetRows(poll.bundle.id, rows.slice(i, i + CHUNK).map((row) => row.identity))) remembered.set(r.identity, r);
  }
  return rows.map((row) => ({ row, remembered: remembered.get(row.identity) }));
}

/**
 * Starts one run per row (or change), then remembers the rows: a poll failing in between starts
 * the same events again, which the intake answers with the runs it already has.
 */
async function runRows(poll: Poll, rows: Array<{ row: IdentifiedRow; revision: number }>): Promise<string[]> {
  const runIds: string[] = [];
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    const started = await startRuns(
      poll.env,
      poll.scope,
      chunk.map(({ row, revision }) => ({
        bundleId: poll.bundle.id,
        bundleVersion: poll.bundle.version,
        eventKey: rowEventKey(row.identity, revision),
        trigger: {
          ...mapRow(poll.headers, row.cells),
          row_number: row.rowNumber,
          row_key: row.key,
          ...(poll.identifier.mode === "new_or_updated" ? { row_change: revision === 0 ? "new" : "updated" } : {}),
        },
      })),
      { limits: poll.limits },
    );
    runIds.push(...started.map((s) => s.run.id));
    await poll.memory.rememberSheetRows(
      poll.bundle.id,
      chunk.map(({ row, revision }) => ({ identity: row.identity, watched: row.watched, revision })),
    );
  }
  return runIds;
}

/** How far a sheet sync has read (GET …/sync): the next row to read, and since when its runs count. */
export async function sheetSyncPosition(scope: WorkspaceScope, bundleId: string): Promise<{ row: number; since: Date } | null> {
  const cursor = upgradeCursor(await readCursor(scope, bundleId));
  return cursor ? { row: cursor.row, since: new Date(cursor.primed_at ?? 0) } : null;
}
