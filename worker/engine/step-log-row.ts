// A step log as the runner keeps it, as the ledger stores it.
import type { NewStepLog } from "../../db/ledger/queries/execution";
import type { PendingLog } from "./run-state";

export function stepLogRow(log: PendingLog): NewStepLog {
  return {
    stepId: log.stepId,
    attempt: log.attempt,
    seq: log.seq,
    status: log.status,
    input: log.input ?? null,
    output: log.output ?? null,
    error: log.error ?? null,
    notes: log.notes?.length ? log.notes : null,
    startedAt: new Date(log.startedAt),
    durationMs: log.durationMs,
  };
}
