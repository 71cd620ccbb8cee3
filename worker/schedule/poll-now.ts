// "Poll now": the Run button (or POST …/bundles/:id/run without a payload) on a polling bundle.
// It takes the same claim as the cron, reads from the durable cursor and moves it, exactly as a
// tick would; the first poll of a bundle only primes the cursor and starts no run.
import type { BundleRow } from "../../db/queries/bundles";
import { claimDueBundle } from "../../db/queries/schedule";
import type { WorkspaceScope } from "../../db/queries/workspace-scope";
import type { Env } from "../env";
import type { Bundle } from "../flow";
import { scheduleOf } from "./bundle-schedule";
import { nextRunAfter } from "./next-run";
import { sendPolls } from "./poll-message";
import { pollSheet } from "./poll-sheet";

export async function pollNow(env: Env, scope: WorkspaceScope, bundle: BundleRow, now = new Date()): Promise<{ runIds: string[]; primed: boolean }> {
  const document = bundle.document as Bundle;
  const schedule = bundle.enabled ? scheduleOf(document) : undefined;
  // Claiming moves the next scheduled poll to after this one, so a tick that already picked the
  // bundle as due backs off. If a tick claimed it first, it is polling too: both read the same
  // cursor and a row's run is stored once per row, so polling anyway starts no row twice.
  await claimDueBundle(scope.db, bundle.id, bundle.nextRunAt, schedule ? (nextRunAfter(schedule, now) ?? null) : null);
  const { runIds, primed, more } = await pollSheet(env, scope, bundle, document);
  // Rows past one poll's cap are read by the polls queue, as after a tick.
  if (more) await sendPolls(env, [{ workspaceId: scope.workspaceId, bundleId: bundle.id }]);
  return { runIds, primed };
}
