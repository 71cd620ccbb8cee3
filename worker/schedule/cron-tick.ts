// What the once-a-minute Cron Trigger does: records the tick (shown by /api/v1/health),
// starts or finishes runs that stalled (unfinished-runs.ts), enforces log retention, clears
// expired sessions and invitations, and fires due scheduled and polling bundles.
import { and, lt, ne } from "drizzle-orm";
import { deleteRunsBefore } from "../../db/queries/runs";
import { allWorkspaceRetention } from "../../db/queries/settings";
import { writeSystemState } from "../../db/queries/system-state";
import { openWorkspaceScope } from "../../db/queries/workspace-scope";
import { database } from "../../db/client";
import { invitation, session } from "../../db/schema";
import type { Env } from "../env";
import { pollDueBundles } from "./poll-due-bundles";
import { recoverUnfinishedRuns } from "./unfinished-runs";

export const LAST_TICK_KEY = "last_cron_tick_at";

export async function cronTick(env: Env, scheduledTime: number): Promise<void> {
  const db = database(env);
  const now = new Date(scheduledTime);
  await db.batch([
    db.delete(session).where(lt(session.expiresAt, now)),
    db.update(invitation).set({ status: "expired" }).where(and(lt(invitation.expiresAt, now), ne(invitation.status, "expired"))),
  ]);
  await pollDueBundles(env, now);
  await recoverUnfinishedRuns(env, scheduledTime);
  for (const { workspaceId, days } of await allWorkspaceRetention(db)) {
    await deleteRunsBefore(openWorkspaceScope(db, workspaceId), new Date(scheduledTime - days * 86_400_000));
  }
  await writeSystemState(db, LAST_TICK_KEY, now.toISOString());
}
