// Runs and their step logs, in one workspace.
import { and, asc, desc, eq, gt, gte, inArray, lt, or, sql } from "drizzle-orm";
import type { Database } from "../client";
import { bundle, bundleVersion, run, stepLog } from "../schema";
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

/**
 * Marks the run running and reads what it executes — the run, and the bundle version it was
 * started with plus the bundle's name — in one round trip. Undefined when the run is gone.
 */
export async function startRunExecution(s: WorkspaceScope, id: string) {
  const [[started], [target]] = await s.db.batch([
    s.db
      .update(run)
      .set({ status: "running", startedAt: sql`coalesce(${run.startedAt}, ${Date.now()})` })
      .where(and(eq(run.workspaceId, s.workspaceId), eq(run.id, id)))
      .returning(),
    s.db
      .select({ document: bundleVersion.document, bundleId: bundle.id, bundleName: bundle.name })
      .from(run)
      .innerJoin(bundleVersion, and(eq(bundleVersion.bundleId, run.bundleId), eq(bundleVersion.version, run.bundleVersion)))
      .innerJoin(bundle, eq(bundle.id, run.bundleId))
      .where(and(eq(run.workspaceId, s.workspaceId), eq(run.id, id))),
  ]);
  return started && target ? { run: started, ...target } : undefined;
}

/**
 * Writes the run's last step logs and its outcome in one transaction and returns the finished
 * run; a run that succeeded also ends its bundle's failure streak.
 */
export async function finishRun(s: WorkspaceScope, id: string, status: RunStatus, error: string | null, logs: NewStepLog[] = []) {
  const finished = s.db
    .update(run)
    .set({ status, error, finishedAt: new Date() })
    .where(and(eq(run.workspaceId, s.workspaceId), eq(run.id, id)))
    .returning();
  const endStreak = s.db
    .update(bundle)
    .set({ consecutiveFailures: 0 })
    .where(and(eq(bundle.workspaceId, s.workspaceId), sql`${bundle.id} = (select ${run.bundleId} from ${run} where ${run.id} = ${id})`, gt(bundle.consecutiveFailures, 0)));
  const results = await s.db.batch([finished, ...logs.map((log) => stepLogUpsert(s, log)), ...(status === "failed" ? [] : [endStreak])]);
  return (results[0] as RunRow[])[0];
}

export type NewStepLog = Omit<typeof stepLog.$inferInsert, "workspaceId">;

/** Written from inside the step: an upsert, so a replayed step overwrites its own row. */
export async function upsertStepLogs(s: WorkspaceScope, logs: NewStepLog[]) {
  const [first, ...rest] = logs.map((log) => stepLogUpsert(s, log));
  if (first) await s.db.batch([first, ...rest]);
}

function stepLogUpsert(s: WorkspaceScope, log: NewStepLog) {
  const row = { ...log, workspaceId: s.workspaceId };
  return s.db
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

/**
 * Runs the cron looks after (oldest first): queued since before `queuedBefore` (their instance
 * may never have been created) or running since before `runningBefore` (their instance may have
 * ended without finishing them).
 */
export async function listUnfinishedRuns(db: Database, queuedBefore: Date, runningBefore: Date, limit = 100) {
  return db
    .select({ id: run.id, workspaceId: run.workspaceId, status: run.status })
    .from(run)
    .where(or(and(eq(run.status, "queued"), lt(run.createdAt, queuedBefore)), and(eq(run.status, "running"), lt(run.startedAt, runningBefore))))
    .orderBy(asc(run.createdAt))
    .limit(limit);
}
