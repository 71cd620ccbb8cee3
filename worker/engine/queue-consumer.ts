// The runs queue's consumer: each message is one run, executed concurrently with the others of
// its batch, whose runs are taken together (one ledger request per ledger). A run that must
// wait (a backoff, a Retry-After, another executor holding it) goes back on the queue as a new
// delayed message, so waiting never uses up the message's retries; an executor that throws
// leaves the message to the queue's retry with backoff.
import type { Env } from "../env";
import type { RunMessage } from "../runs/run-message";
import { logEvent } from "../observability/log";
import { executeRun, takeRuns } from "./execute-run";

export async function consumeRuns(batch: MessageBatch<RunMessage>, env: Env): Promise<void> {
  const takings = takeRuns(env, batch.messages.map((m) => m.body));
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

