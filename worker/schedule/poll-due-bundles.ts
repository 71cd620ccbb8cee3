// The cron's scheduling pass: every enabled bundle whose next_run_at is due is claimed with a
// conditional update (so two overlapping ticks cannot both take it), given its next time, and
// fired: a schedule trigger starts one run per tick; a Sheets trigger gets a message on the
// polls queue (poll-consumer.ts), whose consumer reads the sheet.
import { claimDueBundle, listDueBundles } from "../../db/queries/schedule";
import { openWorkspaceScope } from "../../db/queries/workspace-scope";
import { database, type Database } from "../../db/client";
import type { BundleRow } from "../../db/queries/bundles";
import type { Env } from "../env";
import { startRun } from "../runs/intake";
import type { Bundle } from "../flow";
import { scheduleOf } from "./bundle-schedule";
import { nextRunAfter } from "./next-run";
import { sendPolls, type PollMessage } from "./poll-message";
import { errorFields, logEvent } from "../observability/log";

/** Due bundles claimed in one tick at most; the rest stay due for the next tick. */
const MAX_CLAIMS_PER_TICK = 5_000;
const DUE_PAGE = 100;

export async function pollDueBundles(env: Env, now: Date): Promise<void> {
  const db = database(env);
  const polls: PollMessage[] = [];
  for (let claimed = 0; claimed < MAX_CLAIMS_PER_TICK; ) {
    const due = await listDueBundles(db, now, DUE_PAGE);
    for (const bundle of due) {
      const document = bundle.document as Bundle;
      const schedule = scheduleOf(document);
      const next = schedule ? (nextRunAfter(schedule, now) ?? null) : null;
      if (!(await claimDueBundle(db, bundle.id, bundle.nextRunAt!, next))) continue;
      claimed++;
      if (document.trigger.app === "google_sheets") polls.push({ workspaceId: bundle.workspaceId, bundleId: bundle.id });
      else if (document.trigger.app === "schedule") await tickSchedule(env, db, bundle);
    }
    // A claim moves next_run_at past now, so the next page holds only bundles not yet seen.
    if (due.length < DUE_PAGE) break;
  }
  await sendPolls(env, polls);
}

async function tickSchedule(env: Env, db: Database, bundle: BundleRow) {
  const at = bundle.nextRunAt!.toISOString();
  try {
    await startRun(env, openWorkspaceScope(db, bundle.workspaceId), { bundleId: bundle.id, bundleVersion: bundle.version, eventKey: `tick-${at}`, trigger: { scheduled_at: at } });
  } catch (err) {
    logEvent("error", "schedule.run_not_started", { workspace_id: bundle.workspaceId, bundle_id: bundle.id, scheduled_at: at, ...errorFields(err) });
  }
}
