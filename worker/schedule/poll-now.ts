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
import { pollSheet } from "./poll-due-bundles";

export async function pollNow(env: Env, scope: WorkspaceScope, bundle: BundleRow, now = new Date()): Promise<{ runIds: string[]; primed: boolean }> {
  const document = bundle.document as Bundle;
  const schedule = bundle.enabled ? scheduleOf(document) : undefined;
  // Claiming moves the next scheduled poll to after this one, so a tick that already picked the
  // bundle as due backs off. If a tick claimed it first, it is polling too: both read the same
  // cursor and a row's run is stored once per row, so polling anyway starts no row twice.
  await claimDueBundle(scope.db, bundle.id, bundle.nextRunAt, schedule ? (nextRunAfter(schedule, now) ?? null) : null);
  return pollSheet(env, scope, bundle, document);
}
