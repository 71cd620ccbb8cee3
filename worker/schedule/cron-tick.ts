// What the once-a-minute Cron Trigger does: records the tick (shown by /api/v1/health), clears
// expired sessions and invitations, fires due scheduled and polling bundles, and during a key
// rotation re-encrypts a page of stored secrets. Stalled runs and log retention are each
// workspace's run ledger's own job (its alarm).
import { and, lt, ne } from "drizzle-orm";
import { writeSystemState } from "../../db/queries/system-state";
import { database } from "../../db/client";
import { invitation, session } from "../../db/schema";
import type { Env } from "../env";
import { errorFields, logEvent } from "../observability/log";
import { reencryptOnTick } from "../security/key-rotation";
import { pollDueBundles } from "./poll-due-bundles";

export const LAST_TICK_KEY = "last_cron_tick_at";

export async function cronTick(env: Env, scheduledTime: number): Promise<void> {
  const db = database(env);
  const now = new Date(scheduledTime);
  await db.batch([
    db.delete(session).where(lt(session.expiresAt, now)),
    db.update(invitation).set({ status: "expired" }).where(and(lt(invitation.expiresAt, now), ne(invitation.status, "expired"))),
  ]);
  await pollDueBundles(env, now);
  // A bad key must not stop the rest of the tick; the rotation's route reports the same error.
  await reencryptOnTick(env, db).catch((err) => logEvent("error", "key_rotation.failed", errorFields(err)));
  await writeSystemState(db, LAST_TICK_KEY, now.toISOString());
}
