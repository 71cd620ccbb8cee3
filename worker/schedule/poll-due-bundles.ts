// The cron's scheduling pass: every enabled bundle whose next_run_at is due is claimed with a
// conditional update (so two overlapping ticks cannot both take it), given its next time, and
// fired: a schedule trigger starts one run per tick; a Sheets trigger polls its cursor.
import { claimDueBundle, listDueBundles, readCursor, writeCursor } from "../../db/queries/schedule";
import { openWorkspaceScope, type WorkspaceScope } from "../../db/queries/workspace-scope";
import { database } from "../../db/client";
import type { BundleRow } from "../../db/queries/bundles";
import { pollNewRows } from "../connectors/google_sheets/rows";
import type { Env } from "../env";
import { startRun, startRuns } from "../runs/intake";
import type { Bundle } from "../flow";
import { scheduleOf } from "./bundle-schedule";
import { nextRunAfter } from "./next-run";
import { openSheetSource } from "./sheet-source";

export async function pollDueBundles(env: Env, now: Date): Promise<void> {
  const db = database(env);
  for (const bundle of await listDueBundles(db, now)) {
    const document = bundle.document as Bundle;
    const schedule = scheduleOf(document);
    const next = schedule ? (nextRunAfter(schedule, now) ?? null) : null;
    if (!(await claimDueBundle(db, bundle.id, bundle.nextRunAt!, next))) continue;
    const scope = openWorkspaceScope(db, bundle.workspaceId);
    try {
      if (document.trigger.app === "schedule") {
        const at = bundle.nextRunAt!.toISOString();
        await startRun(env, scope, { bundleId: bundle.id, bundleVersion: bundle.version, eventKey: `tick-${at}`, trigger: { scheduled_at: at } });
      } else if (document.trigger.app === "google_sheets") {
        await pollSheet(env, scope, bundle, document);
      }
    } catch (err) {
      // The next tick tries again; the cursor only moves after the runs are stored.
      console.error("poll failed", bundle.id, err instanceof Error ? err.message : err);
    }
  }
}

interface SheetCursor {
  spreadsheet_id: string;
  sheet: string;
  row: number;
  /** When the cursor was primed (absent on cursors primed before resets existed). */
  primed_at?: number;
}

/**
 * Reads rows past the cursor, stores one run per row, then moves the cursor. Returns the runs of
 * the rows it read (also those a racing poll stored first) and whether it only primed.
 */
export async function pollSheet(env: Env, scope: WorkspaceScope, bundle: BundleRow, document: Bundle) {
  const { options, client } = await openSheetSource(env, scope, document);
  const stored = (await readCursor(scope, bundle.id)) as SheetCursor | undefined;
  // The cursor belongs to one sheet: pointing the bundle at another sheet primes afresh.
  const same = stored && stored.spreadsheet_id === options.spreadsheet_id && stored.sheet === options.sheet;
  const result = await pollNewRows(client, options, same ? stored.row : undefined);
  const primedAt = same ? stored.primed_at : Date.now();
  // After a cursor reset a row number can come back with new data: the priming time keeps it a new event.
  const started = await startRuns(
    env,
    scope,
    result.rows.map((row) => ({
      bundleId: bundle.id,
      bundleVersion: bundle.version,
      eventKey: `row-${options.spreadsheet_id}-${options.sheet}-${row.row_number}${primedAt ? `-p${primedAt}` : ""}`,
      trigger: row,
    })),
  );
  const runIds = started.map((s) => s.run.id);
  const cursor: SheetCursor = { spreadsheet_id: options.spreadsheet_id, sheet: options.sheet, row: result.cursor, ...(primedAt ? { primed_at: primedAt } : {}) };
  await writeCursor(scope, bundle.id, cursor);
  return { primed: result.primed, runIds };
}
