// DurableStep over the run ledger: a step's value and logs are one ledger write, made after
// the step's work and retried on its own, so a failed write never repeats a connector call.
// Steps recorded before (a redelivered message, a crashed executor) return their stored value.
import type { Ledger } from "../runs/ledger";
import { loadPayload, storePayload } from "../runs/payloads";
import type { Env } from "../env";
import { LeaseLost, Suspend, type DurableStep } from "./durable-step";
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

export function ledgerDurableStep(o: LedgerStepOptions): DurableStep {
  return {
    async do(name, fn) {
      if (name in o.recorded) return (await loadPayload(o.env, o.recorded[name])) as Awaited<ReturnType<typeof fn>>["value"];
      const { value, logs } = await fn();
      const stored = await storePayload(o.env, o.workspaceId, o.runId, name, value);
      const rows = logs.map(stepLogRow);
      const held = await withWriteRetries(() => o.ledger.recordStep(o.runId, o.owner, name, stored.value, rows, o.leaseMs, stored.keys));
      if (!held) throw new LeaseLost(o.runId);
      return value;
    },
    async sleep(name, ms) {
      const parked = o.recorded[name] as { wakeAt: number } | undefined;
      if (parked) {
        if (parked.wakeAt > Date.now() + 1000) throw new Suspend(name, parked.wakeAt);
        return;
      }
      if (ms <= INLINE_WAIT_MS) return scheduler.wait(ms);
      throw new Suspend(name, Date.now() + ms);
    },
  };
}

/** Ledger writes are retried a few times in place: the work they record is already done. */
async function withWriteRetries<T>(write: () => Promise<T>, attempts = 4): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await write();
    } catch (err) {
      if (i >= attempts) throw err;
      await scheduler.wait(100 * 2 ** i);
    }
  }
}
