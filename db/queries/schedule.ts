// Due bundles and trigger cursors: what the once-a-minute cron reads and claims.
import { and, asc, eq, isNotNull, isNull, lte } from "drizzle-orm";
import type { Database } from "../client";
import { bundle, triggerCursor } from "../schema";
import type { WorkspaceScope } from "./workspace-scope";

/** Enabled bundles whose next poll or tick is due, across workspaces (indexed on next_run_at). */
export async function listDueBundles(db: Database, now: Date, limit = 50) {
  return db
    .select()
    .from(bundle)
    .where(and(eq(bundle.enabled, true), isNotNull(bundle.nextRunAt), lte(bundle.nextRunAt, now)))
    .orderBy(asc(bundle.nextRunAt))
    .limit(limit);
}

/**
 * Moves a due bundle's next_run_at from `expected` to `next`, only if nobody did first: of two
 * overlapping ticks (or a tick and a "poll now"), exactly one claims the bundle.
 */
export async function claimDueBundle(db: Database, id: string, expected: Date | null, next: Date | null): Promise<boolean> {
  const res = await db
    .update(bundle)
    .set({ nextRunAt: next })
    .where(and(eq(bundle.id, id), expected ? eq(bundle.nextRunAt, expected) : isNull(bundle.nextRunAt)))
    .returning({ id: bundle.id });
  return res.length > 0;
}

export async function setNextRunAt(s: WorkspaceScope, id: string, next: Date | null) {
  await s.db.update(bundle).set({ nextRunAt: next }).where(and(eq(bundle.workspaceId, s.workspaceId), eq(bundle.id, id)));
}

export async function readCursor(s: WorkspaceScope, bundleId: string): Promise<unknown> {
  const row = await s.db.query.triggerCursor.findFirst({ where: and(eq(triggerCursor.workspaceId, s.workspaceId), eq(triggerCursor.bundleId, bundleId)) });
  return row?.cursor;
}

export async function writeCursor(s: WorkspaceScope, bundleId: string, cursor: unknown) {
  await s.db
    .insert(triggerCursor)
    .values({ bundleId, workspaceId: s.workspaceId, cursor, updatedAt: new Date() })
    .onConflictDoUpdate({ target: triggerCursor.bundleId, set: { cursor, updatedAt: new Date() } });
}

export async function deleteCursor(s: WorkspaceScope, bundleId: string) {
  await s.db.delete(triggerCursor).where(and(eq(triggerCursor.workspaceId, s.workspaceId), eq(triggerCursor.bundleId, bundleId)));
}
