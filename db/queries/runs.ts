// Runs and their step logs, in one workspace.
import { and, asc, desc, eq, gte, inArray, lt, or, sql } from "drizzle-orm";
import type { Database } from "../client";
import { run, stepLog } from "../schema";
import type { WorkspaceScope } from "./workspace-scope";

export type RunRow = typeof run.$inferSelect;
export type StepLogRow = typeof stepLog.$inferSelect;
export type RunStatus = "queued" | "running" | "success" | "failed" | "stopped" | "filtered";

export interface NewRun {
  id: string;
  bundleId: string;
  bundleVersion: number;
  eventKey: string;
  trigger: unknown;
  retryOf?: string;
  retryFrom?: "failed_step" | "start";
}

/**
 * Records a run unless the bundle already has one for this event. Returns the run that owns
 * the event and whether it was created now.
 */
export async function insertRunOnce(s: WorkspaceScope, r: NewRun): Promise<{ run: RunRow; created: boolean }> {
  const inserted = await s.db
    .insert(run)
    .values({ ...r, workspaceId: s.workspaceId, status: "queued" })
    .onConflictDoNothing()
    .returning();
  if (inserted[0]) return { run: inserted[0], created: true };
  const existing = await findRunByEvent(s, r.bundleId, r.eventKey);
  if (!existing) throw new Error(`run for event ${r.eventKey} neither inserted nor found`);
  return { run: existing, created: false };
}

export async function findRunByEvent(s: WorkspaceScope, bundleId: string, eventKey: string) {
  return s.db.query.run.findFirst({ where: and(eq(run.workspaceId, s.workspaceId), eq(run.bundleId, bundleId), eq(run.eventKey, eventKey)) });
}

export async function getRun(s: WorkspaceScope, id: string) {
  return s.db.query.run.findFirst({ where: and(eq(run.workspaceId, s.workspaceId), eq(run.id, id)) });
}

/** The runs of this workspace among `ids` (ids of other workspaces are simply not found). */
export async function getRuns(s: WorkspaceScope, ids: string[]) {
  if (ids.length === 0) return [];
  return s.db.select().from(run).where(and(eq(run.workspaceId, s.workspaceId), inArray(run.id, ids)));
}

export interface RunFilter {
  bundleId?: string;
  status?: string;
  /** Created at or after this instant. */
  from?: Date;
  /** Created before this instant. */
  to?: Date;
  /** Opaque cursor from the previous page. */
  cursor?: string;
  limit: number;
}

function encodeCursor(r: { createdAt: Date; id: string }) {
  return btoa(`${r.createdAt.getTime()}:${r.id}`);
}

function decodeCursor(cursor: string): { at: number; id: string } | undefined {
  try {
    const [at, id] = atob(cursor).split(":");
    return at && id && Number.isFinite(Number(at)) ? { at: Number(at), id } : undefined;
  } catch {
    return undefined;
  }
}

/** Newest first. Returns undefined for a cursor that cannot be read. */
export async function listRuns(s: WorkspaceScope, f: RunFilter) {
  const conditions = [eq(run.workspaceId, s.workspaceId)];
  if (f.bundleId) conditions.push(eq(run.bundleId, f.bundleId));
  if (f.status) conditions.push(eq(run.status, f.status));
  if (f.from) conditions.push(gte(run.createdAt, f.from));
  if (f.to) conditions.push(lt(run.createdAt, f.to));
  if (f.cursor) {
    const c = decodeCursor(f.cursor);
    if (!c) return undefined;
    const at = new Date(c.at);
    conditions.push(or(lt(run.createdAt, at), and(eq(run.createdAt, at), lt(run.id, c.id)))!);
  }
  const rows = await s.db
    .select()
    .from(run)
    .where(and(...conditions))
    .orderBy(desc(run.createdAt), desc(run.id))
    .limit(f.limit + 1);
  const items = rows.slice(0, f.limit);
  const nextCursor = rows.length > f.limit ? encodeCursor(items[items.length - 1]) : null;
  return { items, nextCursor };
}

export async function markRunRunning(s: WorkspaceScope, id: string) {
  await s.db
    .update(run)
    .set({ status: "running", startedAt: sql`coalesce(${run.startedAt}, ${Date.now()})` })
    .where(and(eq(run.workspaceId, s.workspaceId), eq(run.id, id)));
}

export async function finishRun(s: WorkspaceScope, id: string, status: RunStatus, error: string | null) {
  await s.db
    .update(run)
    .set({ status, error, finishedAt: new Date() })
    .where(and(eq(run.workspaceId, s.workspaceId), eq(run.id, id)));
}

/** Written from inside the step: an upsert, so a replayed step overwrites its own row. */
export async function upsertStepLog(s: WorkspaceScope, log: Omit<typeof stepLog.$inferInsert, "workspaceId">) {
  const row = { ...log, workspaceId: s.workspaceId };
  await s.db
    .insert(stepLog)
    .values(row)
    .onConflictDoUpdate({
      target: [stepLog.runId, stepLog.stepId, stepLog.attempt],
      set: { status: row.status, input: row.input, output: row.output, error: row.error, notes: row.notes, durationMs: row.durationMs },
    });
}

export async function listStepLogs(s: WorkspaceScope, runId: string) {
  return s.db
    .select()
    .from(stepLog)
    .where(and(eq(stepLog.workspaceId, s.workspaceId), eq(stepLog.runId, runId)))
    .orderBy(asc(stepLog.seq), asc(stepLog.attempt));
}

/** Deletes runs (and, by cascade, their step logs) created before `before`. */
export async function deleteRunsBefore(s: WorkspaceScope, before: Date) {
  await s.db.delete(run).where(and(eq(run.workspaceId, s.workspaceId), lt(run.createdAt, before)));
}

/** How many failure notifications this bundle sent since `since` (for the per-bundle rate limit). */
export async function countNotificationsSince(s: WorkspaceScope, bundleId: string, since: Date) {
  const [row] = await s.db
    .select({ n: sql<number>`count(*)` })
    .from(run)
    .where(and(eq(run.workspaceId, s.workspaceId), eq(run.bundleId, bundleId), gte(run.notifiedAt, since)));
  return row?.n ?? 0;
}

export async function markRunNotified(s: WorkspaceScope, id: string) {
  await s.db.update(run).set({ notifiedAt: new Date() }).where(and(eq(run.workspaceId, s.workspaceId), eq(run.id, id)));
}

/** Runs still queued since before `before`, across workspaces: the cron's outbox sweep. */
export async function listStuckQueuedRuns(db: Database, before: Date) {
  return db
    .select({ id: run.id, workspaceId: run.workspaceId })
    .from(run)
    .where(and(eq(run.status, "queued"), lt(run.createdAt, before)))
    .limit(100);
}
