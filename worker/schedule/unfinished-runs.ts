// The cron's watch over runs that should be moving but are not. A queued run whose Workflow
// instance was never created (the Worker died between storing the delivery and creating it)
// gets its instance now: the outbox. A queued or running run whose instance has already ended
// without finishing it (errored or terminated, or lost with the local state) is finished as
// failed with the reason, so no run stays "queued"/"running" forever and its alerts still fire.
// Instances that are queued, running or waiting (a retry delay, a 429's Retry-After) are left alone.
import { listUnfinishedRuns } from "../../db/queries/runs";
import { database } from "../../db/client";
import { finishRunAndReport } from "../engine/run-records";
import { createInstance } from "../engine/start-run";
import type { Env } from "../env";

/** A queued run older than this has its instance checked (created when missing). */
const QUEUED_FOR_MS = 60_000;
/** A running run started longer ago than this has its instance checked. */
const RUNNING_FOR_MS = 10 * 60_000;

export async function recoverUnfinishedRuns(env: Env, now: number): Promise<void> {
  const runs = await listUnfinishedRuns(database(env), new Date(now - QUEUED_FOR_MS), new Date(now - RUNNING_FOR_MS));
  for (const run of runs) {
    const instance = await instanceStatus(env, run.id);
    if (!instance) {
      if (run.status === "queued") await createInstance(env, run.workspaceId, run.id);
      else await finishRunAndReport(env, run.workspaceId, run.id, "failed", "The run's Workflow instance was lost before the run finished. Retry the run to start it again.");
      continue;
    }
    const reason = endedReason(instance);
    if (reason) await finishRunAndReport(env, run.workspaceId, run.id, "failed", reason);
  }
}

async function instanceStatus(env: Env, runId: string): Promise<InstanceStatus | undefined> {
  try {
    return await (await env.RUNS.get(runId)).status();
  } catch (err) {
    if (/not[_ ]?found/i.test(String(err))) return undefined;
    throw err;
  }
}

/** Why an instance that ended left its run unfinished; undefined while it is still working. */
function endedReason(instance: InstanceStatus): string | undefined {
  const detail = instance.error?.message ? `: ${instance.error.message}` : ".";
  switch (instance.status) {
    case "errored":
      return `The run stopped on an internal error${detail}`;
    case "terminated":
      return "The run's Workflow instance was terminated before the run finished.";
    case "complete":
      return "The run's Workflow instance ended without recording the run's outcome.";
    default:
      return undefined;
  }
}
