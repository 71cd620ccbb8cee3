// The cron's scheduling pass: every enabled bundle whose next_run_at is due is claimed with a
// conditional update (so two overlapping ticks cannot both take it), given its next time, and
// fired: a schedule trigger starts one run per tick; a Sheets trigger polls its cursor.
import { claimDueBundle, listDueBundles, readCursor, writeCursor } from "../../db/queries/schedule";
import { insertRunOnce } from "../../db/queries/runs";
import { openWorkspaceScope, type WorkspaceScope } from "../../db/queries/workspace-scope";
import { database } from "../../db/client";
import type { BundleRow } from "../../db/queries/bundles";
import { httpClientFor } from "../connections/http-client-for";
import { loadConnection } from "../connections/load-connection";
import { sheetsFor } from "../connectors/google_sheets";
import { pollNewRows, type NewRowsOptions } from "../connectors/google_sheets/rows";
import { runIdFor } from "../engine/run-id";
import { createInstance, startRun } from "../engine/start-run";
import type { Env } from "../env";
import { assertRunQuota } from "../quotas/enforce";
import type { Bundle } from "../flow";
import { scheduleOf } from "./bundle-schedule";
import { nextRunAfter } from "./next-run";

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
}

/** Reads rows past the cursor, stores one run per row, then moves the cursor. */
export async function pollSheet(env: Env, scope: WorkspaceScope, bundle: BundleRow, document: Bundle) {
  const options = document.trigger.options as unknown as NewRowsOptions;
  const connection = document.trigger.connection ? await loadConnection(env, scope, document.trigger.connection) : undefined;
  if (!connection) throw new Error("the bundle's Google Sheets connection is missing");
  const stored = (await readCursor(scope, bundle.id)) as SheetCursor | undefined;
  // The cursor belongs to one sheet: pointing the bundle at another sheet primes afresh.
  const same = stored && stored.spreadsheet_id === options.spreadsheet_id && stored.sheet === options.sheet;
  const client = sheetsFor({ connection: connection.fields, http: httpClientFor(env), store: { update: (f) => connection.update(f) } });
  const result = await pollNewRows(client, options, same ? stored.row : undefined);
  const started: string[] = [];
  for (const row of result.rows) {
    const eventKey = `row-${options.spreadsheet_id}-${options.sheet}-${row.row_number}`;
    const id = await runIdFor(bundle.id, eventKey);
    await assertRunQuota(env, scope);
    const { created } = await insertRunOnce(scope, { id, bundleId: bundle.id, bundleVersion: bundle.version, eventKey, trigger: row });
    if (created) started.push(id);
  }
  await writeCursor(scope, bundle.id, { spreadsheet_id: options.spreadsheet_id, sheet: options.sheet, row: result.cursor } satisfies SheetCursor);
  for (const id of started) await createInstance(env, scope.workspaceId, id);
  return { primed: result.primed, runs: started.length };
}
