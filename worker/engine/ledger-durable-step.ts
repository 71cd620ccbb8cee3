// DurableStep over the run ledger: a step's value and logs are one ledger write, made after
// the step's work and retried on its own, so a failed write never repeats a connector call.
// The write is made when the executor next leaves the step runner's own work: before the next
// durable step or wait, or, for the run's last step, together with finishing the run (one
// write instead of two). The next step is prepared while that write is on its way (rendering,
// the connection, the rate limiter's reservation), but its first request waits for the write:
// a step's result is recorded before the next step acts on anything.
// Steps recorded before (a redelivered message, a crashed executor) return their stored value.
import type { NewStepLog } from "../../db/ledger/queries/execution";
import type { Ledger } from "../runs/ledger";
import { deletePayloads, loadPayload, storePayload } from "../runs/payloads";
import type { Env } from "../env";
import { LeaseLost, Suspend, type DurableStep } from "./durable-step";
import type { PendingLog } from "./run-state";
import { stepLogRow } from "./step-log-row";

/** Waits up to this long are done in place; longer ones park the run. */
export const INLINE_WAIT_MS = 2_000;

export interface LedgerStepOptions {
  env: Env;
  ledger: Ledger;
  workspaceId: string;
  runId: string;
  owner: string;
  leaseMs: number;
  /** What the ledger had recorded when the executor took the run. */
  recorded: Record<string, unknown>;
}

export interface LedgerDurableStep extends DurableStep {
  /** Writes the last step's result and logs if they are not written yet. */
  flush(): Promise<void>;
  /**
   * Hands over the last step's logs when its result is not written yet, for the executor to
   * write with the run's finish (held by this executor); its result is then not needed: a
   * finished run is never resumed.
   */
  takeUnwritten(): NewStepLog[];
}

export function ledgerDurableStep(o: LedgerStepOptions): LedgerDurableStep {
  let unwritten: { name: string; value: unknown; logs: PendingLog[] } | undefined;
  const flush = async () => {
    if (!unwritten) return;
    const { name, value, logs } = unwritten;
    unwritten = undefined;
    const stored = await storePayload(o.env, o.workspaceId, o.runId, name, value);
    const rows = logs.map(stepLogRow);
    const held = await withWriteRetries(() => o.ledger.recordStep(o.runId, o.owner, name, stored.value, rows, o.leaseMs, stored.keys));
    if (!held) {
      // The run's new holder writes its own result; this one's object would be kept by nobody.
      await deletePayloads(o.env, stored.keys);
      throw new LeaseLost(o.runId);
    }
  };
  return {
    async do(name, fn) {
      const writing = flush();
      if (name in o.recorded) {
        await writing;
        return (await loadPayload(o.env, o.recorded[name])) as Awaited<ReturnType<typeof fn>>["value"];
      }
      // Awaited below, after `fn`: a failed write (the run lost) ends the run then.
      writing.catch(() => {});
      const { value, logs } = await fn(writing);
      await writing;
      unwritten = { name, value, logs };
      return value;
    },
    async sleep(name, ms) {
      await flush();
      const parked = o.recorded[name] as { wakeAt: number } | undefined;
      if (parked) {
        if (parked.wakeAt > Date.now() + 1000) throw new Suspend(name, parked.wakeAt);
        return;
      }
      if (ms <= INLINE_WAIT_MS) return scheduler.wait(ms);
      throw new Suspend(name, Date.now() + ms);
    },
    flush,
    takeUnwritten() {
      const logs = unwritten?.logs.map(stepLogRow) ?? [];
      unwritten = undefined;
      return logs;
    },
  };
}

/** Ledger writes are retried a few times in place: the work they record is already done. */
export async function withWriteRetries<T>(write: () => Promise<T>, attempts = 4): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await write();
    } catch (err) {
      if (i >= attempts) throw err;
      await scheduler.wait(100 * 2 ** i);
    }
  }
}
