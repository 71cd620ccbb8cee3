// A Sheets "new rows" poll: reads the rows past the bundle's durable cursor, a page at a time,
// and starts one run per row through the intake. The cron's polls (through the polls queue) and
// "poll now" both poll here.
import { readCursor, writeCursor } from "../../db/queries/schedule";
import type { WorkspaceScope } from "../../db/queries/workspace-scope";
import type { BundleRow } from "../../db/queries/bundles";
import { pollNewRows } from "../connectors/google_sheets/rows";
import type { Env } from "../env";
import type { Bundle } from "../flow";
import { startRuns } from "../runs/intake";
import { openSheetSource } from "./sheet-source";

interface SheetCursor {
  spreadsheet_id: string;
  sheet: string;
  row: number;
  /** When the cursor was primed (absent on cursors primed before resets existed). */
  primed_at?: number;
}

/**
 * Rows a page and a poll read at most. Google allows 60 reads a minute per user, so pages are
 * large; a poll stops at its cap (a sheet with more left sends the next poll at once) so one
 * invocation stays well inside its subrequests (a ledger write per row).
 */
const PAGE_ROWS = 2_000;
export const MAX_ROWS_PER_POLL = 6_000;

/**
 * Reads rows past the cursor a page at a time, stores one run per row, then moves the cursor past
 * the page. Returns the runs of the rows it read (also those a racing poll stored first), whether
 * it only primed, and whether rows are left past its cap.
 */
export async function pollSheet(env: Env, scope: WorkspaceScope, bundle: BundleRow, document: Bundle, { pageRows = PAGE_ROWS, maxRows = MAX_ROWS_PER_POLL } = {}) {
  const { options, client } = await openSheetSource(env, scope, document);
  const stored = (await readCursor(scope, bundle.id)) as SheetCursor | undefined;
  // The cursor belongs to one sheet: pointing the bundle at another sheet primes afresh.
  const same = stored && stored.spreadsheet_id === options.spreadsheet_id && stored.sheet === options.sheet;
  const primedAt = same ? stored.primed_at : Date.now();
  let row = same ? stored.row : undefined;
  const runIds: string[] = [];
  for (let read = 0; ; ) {
    const page = await pollNewRows(client, options, row, pageRows);
    // After a cursor reset a row number can come back with new data: the priming time keeps it a new event.
    const started = await startRuns(
      env,
      scope,
      page.rows.map((r) => ({
        bundleId: bundle.id,
        bundleVersion: bundle.version,
        eventKey: `row-${options.spreadsheet_id}-${options.sheet}-${r.row_number}${primedAt ? `-p${primedAt}` : ""}`,
        trigger: r,
      })),
    );
    runIds.push(...started.map((s) => s.run.id));
    const cursor: SheetCursor = { spreadsheet_id: options.spreadsheet_id, sheet: options.sheet, row: page.cursor, ...(primedAt ? { primed_at: primedAt } : {}) };
    await writeCursor(scope, bundle.id, cursor);
    read += page.cursor - (row ?? page.cursor);
    row = page.cursor;
    if (page.primed || !page.full) return { primed: page.primed, runIds, more: false };
    if (read >= maxRows) return { primed: false, runIds, more: true };
  }
}

/** How far a sheet sync has read (GET …/sync): the next row to read, and since when its runs count. */
export async function sheetSyncPosition(scope: WorkspaceScope, bundleId: string): Promise<{ row: number; since: Date } | null> {
  const cursor = (await readCursor(scope, bundleId)) as SheetCursor | undefined;
  return cursor ? { row: cursor.row, since: new Date(cursor.primed_at ?? 0) } : null;
}
