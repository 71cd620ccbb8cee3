// Log retention: runs created before the cutoff go, with their step results, logs and the keys
// of their R2 payloads (returned, for the caller to delete from R2). Done in bounded chunks so
// one alarm never holds the object for long; open runs are kept until they end.
import { and, eq, lt, notExists, notInArray } from "drizzle-orm";
import type { LedgerDb } from "../client";
import { failureStreak, payload, run, stepLog, stepResult } from "../schema";
import { OPEN_RUN_STATUSES } from "../run-status";
import { inList } from "./in-list";

export function deleteRunsBefore(db: LedgerDb, before: Date, limit: number): { deleted: number; payloadKeys: string[] } {
  return db.transaction((tx) => {
    const ids = tx
      .select({ id: run.id })
      .from(run)
      .where(and(lt(run.createdAt, before), notInArray(run.status, [...OPEN_RUN_STATUSES])))
      .limit(limit)
      .all()
      .map((r) => r.id);
    if (ids.length === 0) return { deleted: 0, payloadKeys: [] };
    const payloadKeys = tx.select({ key: payload.key }).from(payload).where(inList(payload.runId, ids)).all().map((p) => p.key);
    tx.delete(payload).where(inList(payload.runId, ids)).run();
    tx.delete(stepResult).where(inList(stepResult.runId, ids)).run();
    tx.delete(stepLog).where(inList(stepLog.runId, ids)).run();
    tx.delete(run).where(inList(run.id, ids)).run();
    return { deleted: ids.length, payloadKeys };
  });
}

/**
 * The failure streaks of bundles this ledger keeps no run of any more (the bundle was deleted,
 * or ran nothing here for the whole retention): nothing in the logs shows those failures now.
 */
export function forgetStreaksWithoutRuns(db: LedgerDb) {
  db.delete(failureStreak)
    .where(notExists(db.select({ one: run.id }).from(run).where(eq(run.bundleId, failureStreak.bundleId))))
    .run();
}

export function notePayloads(db: LedgerDb, runId: string, keys: string[]) {
  for (const key of keys) db.insert(payload).values({ key, runId }).onConflictDoNothing().run();
}
