// What the once-a-minute Cron Trigger does. Issue 6 adds due-bundle polling and the event
// outbox sweep here; for now it records the tick (shown by /api/v1/health) and clears
// expired sessions and invitations.
import { and, lt, ne } from "drizzle-orm";
import { writeSystemState } from "../../db/queries/system-state";
import { database } from "../../db/client";
import { invitation, session } from "../../db/schema";
import type { Env } from "../env";

export const LAST_TICK_KEY = "last_cron_tick_at";

export async function cronTick(env: Env, scheduledTime: number): Promise<void> {
  const db = database(env);
  const now = new Date(scheduledTime);
  await db.batch([
    db.delete(session).where(lt(session.expiresAt, now)),
    db.update(invitation).set({ status: "expired" }).where(and(lt(invitation.expiresAt, now), ne(invitation.status, "expired"))),
  ]);
  await writeSystemState(db, LAST_TICK_KEY, now.toISOString());
}
