// The runs queue's consumer: each message is one run, executed concurrently with the others of
// its batch. The batch's runs are taken in one ledger request per ledger (a batch mostly holds
// one workspace's runs, and a request costs more than the take itself). A run that must wait (a
// backoff, a Retry-After, another executor holding it) goes back on the queue as a new delayed
// message, so waiting never uses up the message's retries; an executor that throws leaves the
// message to the queue's retry with backoff.
import type { TakeOutcome } from "../../db/ledger/queries/execution";
import type { Env } from "../env";
import { ledgerName, ledgerOf } from "../runs/ledger";
import type { RunMessage } from "../runs/run-message";
import { logEvent } from "../observability/log";
import { executeRun, LEASE_MS, MAX_DELIVERIES, type Taking } from "./execute-run";

export async function consumeRuns(batch: MessageBatch<RunMessage>, env: Env): Promise<void> {
  const takings = takeTogether(env, batch.messages.map((m) => m.body));
  await Promise.all(
    batch.messages.map(async (message, i) => {
      try {
        const execution = await executeRun(env, message.body, takings[i]);
        if (execution.kind === "later") await env.RUN_QUEUE.send(message.body, { delaySeconds: execution.delaySeconds });
        message.ack();
      } catch {
        // The detail was logged by executeRun, masked, under an error id.
        logEvent("warn", "run.retried_by_queue", { run_id: message.body.runId, workspace_id: message.body.workspaceId });
        message.retry({ delaySeconds: Math.min(300, 5 * 2 ** Math.min(message.attempts, 6)) });
      }
    }),
  );
}

/** One take request per ledger for the runs of a batch; each run's outcome in the batch's order. */
function takeTogether(env: Env, messages: RunMessage[]): Taking[] {
  const owners = messages.map(() => crypto.randomUUID());
  const outcomes: Array<Promise<TakeOutcome>> = [];
  const byLedger = new Map<string, number[]>();
  messages.forEach((m, i) => {
    const name = ledgerName(m.workspaceId, m.shard ?? 0);
    byLedger.set(name, [...(byLedger.get(name) ?? []), i]);
  });
  for (const indexes of byLedger.values()) {
    const { workspaceId, shard } = messages[indexes[0]];
    const taken = ledgerOf(env, workspaceId, shard ?? 0).take(
      indexes.map((i) => ({ runId: messages[i].runId, owner: owners[i] })),
      LEASE_MS,
      MAX_DELIVERIES,
    );
    indexes.forEach((i, k) => (outcomes[i] = taken.then((all) => all[k])));
  }
  return messages.map((_, i) => ({ owner: owners[i], outcome: outcomes[i] }));
}
