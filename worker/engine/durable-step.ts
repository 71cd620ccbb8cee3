// The two durable primitives the step runner needs, so it can be driven by the run ledger in
// production (ledger-durable-step.ts) and by a plain in-memory implementation in unit tests.
import type { PendingLog } from "./run-state";

export interface DurableStep {
  /**
   * Runs `fn` once per `name` per run: its value and the logs it returns are recorded together,
   * so a resumed run gets the stored value back and never calls again what already answered.
   * `fn` may start while the previous step's result is still being written: `recorded`
   * resolves once it is, and rejects if it could not be; `fn` prepares meanwhile but acts on
   * nothing outside (sends no request) before `recorded` has resolved.
   */
  do<T>(name: string, fn: (recorded: Promise<void>) => Promise<{ value: T; logs: PendingLog[] }>): Promise<T>;
  /** Waits; a long wait parks the run and lets the executor go (the run resumes later). */
  sleep(name: string, ms: number): Promise<void>;
}

/** Thrown out of a step when the run must wait longer than an executor should hold it. */
export class Suspend {
  constructor(
    readonly name: string,
    readonly wakeAt: number,
  ) {}
}

/** Thrown when another executor has taken the run over (this one was too slow to renew its lease). */
export class LeaseLost extends Error {
  constructor(runId: string) {
    super(`run ${runId} was taken over by another executor`);
  }
}
