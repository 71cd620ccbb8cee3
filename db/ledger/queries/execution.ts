// The executor's side of a run in the ledger: taking it under a lease, recording each durable
// step's result with its logs, waiting, finishing exactly once, and what the sweeper looks for.
import { and, asc, eq, inArray, isNull, lt, lte, or, sql } from "drizzle-orm";
import type { LedgerDb } from "../client";
import { preparedOnce, slot } from "../../prepared-once";
import { failureStreak, run, stepLog, stepResult } from "../schema";
import { isOpenRunStatus, OPEN_RUN_STATUSES, type RunStatus } from "../run-status";
import { inList } from "./in-list";
import { getRun, RUN_WITHOUT_TRIGGER, type RunRow } from "./runs";

export type StepLogRow = typeof stepLog.$inferSelect;
export type NewStepLog = Omit<StepLogRow, "runId">;

export type TakeOutcome =
  | { state: "missing" }
  | { state: "settled" }
  /** Ended; what follows from ending (pause, alert, chained runs) is still to do. `streak`: its bundle's, now. */
  | { state: "finished"; run: RunRow; streak: number }
  /** Another executor holds it. */
  | { state: "busy"; retryInMs: number }
  /** It waits out a backoff until then. */
  | { state: "waiting"; wakeInMs: number }
  /** Taken up too many times without ending: a poison run. */
  | { state: "exhausted"; run: RunRow }
  | { state: "ready"; run: RunRow; results: Record<string, unknown> };

export function takeRun(db: LedgerDb, id: string, owner: string, leaseMs: number, maxDeliveries: number, now: number): TakeOutcome {
  const q = executionQueries(db);
  return db.transaction(() => {
    const r = getRun(db, id);
    if (!r) return { state: "missing" };
    if (r.settled) return { state: "settled" };
    if (!isOpenRunStatus(r.status)) return { state: "finished", run: r, streak: q.streakOf.get({ bundleId: r.bundleId })?.failures ?? 0 };
    if (r.leaseUntil > now && r.leaseOwner !== owner) return { state: "busy", retryInMs: r.leaseUntil - now };
    if (r.wakeAt && r.wakeAt > now + 1000) return { state: "waiting", wakeInMs: r.wakeAt - now };
    if (r.deliveries >= maxDeliveries) return { state: "exhausted", run: r };
    const taken = q.take.get({ id, startedAt: r.startedAt ?? new Date(now), owner, leaseUntil: now + leaseMs, deliveries: r.deliveries + 1, now })!;
    // A run never taken before has no step results yet: only a taken run records them.
    const results = r.startedAt ? Object.fromEntries(q.results.all({ id }).map((s) => [s.name, s.value])) : {};
    return { state: "ready", run: { ...taken, trigger: r.trigger }, results };
  });
}

/**
 * Records a durable step's result and the logs written with it, and renews the lease; false
 * (nothing written) when the executor no longer holds the run.
 */
export function recordStep(db: LedgerDb, id: string, owner: string, name: string, value: unknown, logs: NewStepLog[], leaseMs: number, now: number): boolean {
  const q = executionQueries(db);
  return db.transaction(() => {
    if (!q.renew.get({ id, owner, leaseUntil: now + leaseMs, now })) return false;
    q.result.run({ id, name, value: value ?? null });
    upsertStepLogs(db, id, logs);
    return true;
  });
}

/** Parks the run until `wakeAt` and lets go of it; the queue's delayed message or the alarm resumes it. */
export function suspendRun(db: LedgerDb, id: string, owner: string, name: string, wakeAt: number, byAlarm: boolean, logs: NewStepLog[], now: number): boolean {
  return db.transaction((tx) => {
    const held = tx
      .update(run)
      .set({ wakeAt, wakeByAlarm: byAlarm, leaseOwner: null, leaseUntil: 0, touchedAt: now, deliveries: 0 })
      .where(and(eq(run.id, id), eq(run.leaseOwner, owner)))
      .returning({ id: run.id })
      .get();
    if (!held) return false;
    tx.insert(stepResult).values({ runId: id, name, value: { wakeAt } }).onConflictDoNothing().run();
    upsertStepLogs(tx as unknown as LedgerDb, id, logs);
    return true;
  });
}

/** Lets go of the run after an internal error, keeping the error for its final reason. */
export function releaseRun(db: LedgerDb, id: string, owner: string, error: string, now: number) {
  db.update(run)
    .set({ leaseOwner: null, leaseUntil: 0, lastError: error.slice(0, 2000), touchedAt: now })
    .where(and(eq(run.id, id), eq(run.leaseOwner, owner)))
    .run();
}

export interface FinishOptions {
  /**
   * Finish only while this executor holds the run: its logs include the last step's, which
   * may be written only by the executor that ran it (like recordStep).
   */
  heldBy?: string;
  /** Nothing follows from how the run ended (not failed, so no pause or alert; no chained runs): settle it now. */
  settle?: boolean;
}

/** A run as `finishRun` returns it: the caller has its trigger (RUN_WITHOUT_TRIGGER). */
export type FinishedRun = Omit<RunRow, "trigger">;

export interface Finish {
  run: FinishedRun;
  /** Whether this call ended the run. */
  finishedNow: boolean;
  /** The bundle's failed runs in a row, this one included: 0 after a run that did not fail. */
  streak: number;
}

/**
 * Ends the run with its last logs, only if it is still open: the executor and the sweeper can
 * never both finish it. In the same write, its bundle's failure streak grows by a failed run
 * and ends with any other: in the order the ledger finishes runs, whatever order they started in.
 */
export function finishRun(db: LedgerDb, id: string, status: RunStatus, error: string | null, logs: NewStepLog[], now: number, options: FinishOptions = {}): Finish | undefined {
  const { heldBy, settle = false } = options;
  const q = executionQueries(db);
  return db.transaction(() => {
    const finished = q.finish.get({ id, status, error, finishedAt: new Date(now), now, settled: settle, heldBy: heldBy ?? null });
    if (!finished) {
      const r = getRun(db, id);
      return r && { run: r, finishedNow: false, streak: q.streakOf.get({ bundleId: r.bundleId })?.failures ?? 0 };
    }
    upsertStepLogs(db, id, logs);
    if (settle) q.dropResults.run({ id });
    const bundleId = finished.bundleId;
    if (status !== "failed") {
      q.endStreak.run({ bundleId });
      return { run: finished, finishedNow: true, streak: 0 };
    }
    return { run: finished, finishedNow: true, streak: q.growStreak.get({ bundleId })!.failures };
  });
}

/** Enabling a bundle starts its count of failed runs in a row afresh. */
export function clearFailureStreak(db: LedgerDb, bundleId: string) {
  db.delete(failureStreak).where(eq(failureStreak.bundleId, bundleId)).run();
}

/** The run is done with: its step results (kept only to resume it) go; its logs stay for retention. */
export function markSettled(db: LedgerDb, id: string) {
  db.transaction((tx) => {
    tx.update(run).set({ settled: true }).where(eq(run.id, id)).run();
    tx.delete(stepResult).where(eq(stepResult.runId, id)).run();
  });
}

/** Written with a step: an upsert, so a replayed step overwrites its own row. */
export function upsertStepLogs(db: LedgerDb, runId: string, logs: NewStepLog[]) {
  const { upsertLog } = executionQueries(db);
  for (const log of logs) upsertLog.run({ ...log, runId });
}

/**
 * The statements of every run's path (take, each step, finish), built once per ledger: building
 * the SQL from the query builder cost more CPU than running it. `heldBy` null: any holder.
 */
const executionQueries = preparedOnce((db: LedgerDb) => {
  const id = eq(run.id, sql.placeholder("id"));
  const open = inArray(run.status, [...OPEN_RUN_STATUSES]);
  return {
    take: db
      .update(run)
      .set({
        status: "running",
        startedAt: slot<Date>("startedAt"),
        leaseOwner: slot<string>("owner"),
        leaseUntil: slot<number>("leaseUntil"),
        wakeAt: null,
        wakeByAlarm: false,
        deliveries: slot<number>("deliveries"),
        touchedAt: slot<number>("now"),
      })
      .where(id)
      .returning(RUN_WITHOUT_TRIGGER)
      .prepare(),
    results: db.select().from(stepResult).where(eq(stepResult.runId, sql.placeholder("id"))).prepare(),
    renew: db
      .update(run)
      .set({ leaseUntil: slot<number>("leaseUntil"), touchedAt: slot<number>("now"), deliveries: 0 })
      .where(and(id, eq(run.leaseOwner, sql.placeholder("owner")), open))
      .returning({ id: run.id })
      .prepare(),
    result: db
      .insert(stepResult)
      .values({ runId: sql.placeholder("id"), name: sql.placeholder("name"), value: sql.placeholder("value") })
      .onConflictDoNothing()
      .prepare(),
    finish: db
      .update(run)
      .set({
        status: slot<RunStatus>("status"),
        error: slot<string | null>("error"),
        finishedAt: slot<Date>("finishedAt"),
        leaseOwner: null,
        leaseUntil: 0,
        wakeAt: null,
        touchedAt: slot<number>("now"),
        settled: slot<boolean>("settled"),
      })
      .where(and(id, open, or(sql`${sql.placeholder("heldBy")} is null`, eq(run.leaseOwner, sql.placeholder("heldBy")))))
      .returning(RUN_WITHOUT_TRIGGER)
      .prepare(),
    streakOf: db
      .select({ failures: failureStreak.failures })
      .from(failureStreak)
      .where(eq(failureStreak.bundleId, sql.placeholder("bundleId")))
      .prepare(),
    growStreak: db
      .insert(failureStreak)
      .values({ bundleId: sql.placeholder("bundleId"), failures: 1 })
      .onConflictDoUpdate({ target: failureStreak.bundleId, set: { failures: sql`${failureStreak.failures} + 1` } })
      .returning({ failures: failureStreak.failures })
      .prepare(),
    endStreak: db.delete(failureStreak).where(eq(failureStreak.bundleId, sql.placeholder("bundleId"))).prepare(),
    dropResults: db.delete(stepResult).where(eq(stepResult.runId, sql.placeholder("id"))).prepare(),
    upsertLog: db
      .insert(stepLog)
      .values({
        runId: sql.placeholder("runId"),
        stepId: sql.placeholder("stepId"),
        attempt: sql.placeholder("attempt"),
        seq: sql.placeholder("seq"),
        status: sql.placeholder("status"),
        input: sql.placeholder("input"),
        output: sql.placeholder("output"),
        error: sql.placeholder("error"),
        notes: sql.placeholder("notes"),
        startedAt: sql.placeholder("startedAt"),
        durationMs: sql.placeholder("durationMs"),
      })
      .onConflictDoUpdate({
        target: [stepLog.runId, stepLog.stepId, stepLog.attempt],
        set: {
          status: sql`excluded.status`,
          input: sql`excluded.input`,
          output: sql`excluded.output`,
          error: sql`excluded.error`,
          notes: sql`excluded.notes`,
          durationMs: sql`excluded.duration_ms`,
        },
      })
      .prepare(),
  };
});

export function listStepLogs(db: LedgerDb, runId: string): StepLogRow[] {
  return db.select().from(stepLog).where(eq(stepLog.runId, runId)).orderBy(asc(stepLog.seq), asc(stepLog.attempt)).all();
}

/**
 * Runs that should be moving and are not (oldest touch first): not settled, no live lease, not
 * waiting, and untouched for `stallMs`, or due to wake by the alarm. Each one the sweeper
 * re-sends is touched, so runs it cannot help rotate to the back instead of hiding others.
 */
export function listStalledRuns(db: LedgerDb, now: number, stallMs: number, limit: number): string[] {
  return db
    .select({ id: run.id })
    .from(run)
    .where(
      and(
        eq(run.settled, false),
        lt(run.leaseUntil, now),
        or(isNull(run.wakeAt), lte(run.wakeAt, now)),
        or(lt(run.touchedAt, now - stallMs), and(eq(run.wakeByAlarm, true), sql`${run.touchedAt} < ${run.wakeAt}`)),
      ),
    )
    .orderBy(asc(run.touchedAt))
    .limit(limit)
    .all()
    .map((r) => r.id);
}

export function touchRuns(db: LedgerDb, ids: string[], now: number) {
  if (ids.length) db.update(run).set({ touchedAt: now }).where(inList(run.id, ids)).run();
}

/** When the object should next look at its runs: the earliest alarm-woken wait, or soon if any run is unsettled. */
export function nextRunCheck(db: LedgerDb, now: number, stallMs: number): number | undefined {
  const wake = db.select({ at: sql<number | null>`min(${run.wakeAt})` }).from(run).where(and(eq(run.wakeByAlarm, true), eq(run.settled, false))).get()?.at;
  const unsettled = db.select({ id: run.id }).from(run).where(eq(run.settled, false)).limit(1).get();
  const candidates = [wake ?? undefined, unsettled ? now + stallMs : undefined].filter((t): t is number => t !== undefined);
  return candidates.length ? Math.min(...candidates) : undefined;
}
