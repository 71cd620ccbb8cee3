// The run's rows in D1, as the Workflow reads and writes them: load what to execute, write
// step logs, and finish (status, failure streak, pause, failure notification).
import { recordRunFailure } from "../../db/queries/bundles";
import { finishRun, listStepLogs, startRunExecution, upsertStepLogs, type NewStepLog, type RunStatus } from "../../db/queries/runs";
import { getSettings } from "../../db/queries/settings";
import { openWorkspaceScope } from "../../db/queries/workspace-scope";
import { database } from "../../db/client";
import type { Bundle } from "../flow";
import type { Env } from "../env";
import { appUrl } from "../http/app-url";
import { startChainedRuns } from "../schedule/chained-runs";
import { notifyRunFailed } from "./notify-failure";
import type { PendingLog } from "./run-state";

export interface LoadedRun {
  document: Bundle;
  trigger: unknown;
  meta: { run: Record<string, unknown>; bundle: Record<string, unknown> };
  /** Step id → output, for steps that succeeded in the run this one retries from its failed step. */
  reused: Record<string, Record<string, unknown>>;
}

export async function loadRunForExecution(env: Env, workspaceId: string, runId: string): Promise<LoadedRun | null> {
  const scope = openWorkspaceScope(database(env), workspaceId);
  const loaded = await startRunExecution(scope, runId);
  if (!loaded) return null;
  const { run } = loaded;
  const reused: LoadedRun["reused"] = {};
  if (run.retryOf && run.retryFrom === "failed_step") {
    for (const log of await listStepLogs(scope, run.retryOf)) {
      if (log.status === "ok" && log.output && typeof log.output === "object" && !("$truncated" in log.output)) {
        reused[log.stepId] = log.output as Record<string, unknown>;
      }
    }
  }
  return {
    document: loaded.document as Bundle,
    trigger: run.trigger ?? {},
    meta: {
      run: { id: run.id, url: appUrl(env, `/w/${workspaceId}/runs/${run.id}`), started_at: new Date().toISOString() },
      bundle: { id: loaded.bundleId, name: loaded.bundleName, url: appUrl(env, `/w/${workspaceId}/bundles/${loaded.bundleId}`) },
    },
    reused,
  };
}

export async function writeStepLogs(env: Env, workspaceId: string, runId: string, logs: PendingLog[]) {
  await upsertStepLogs(openWorkspaceScope(database(env), workspaceId), logs.map((log) => stepLogRow(runId, log)));
}

function stepLogRow(runId: string, log: PendingLog): NewStepLog {
  return {
    runId,
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

/**
 * Ends the run with its last step logs (one D1 transaction), then what follows from the outcome:
 * the failure streak and auto-pause, the failure notification, runs of chained bundles.
 */
export async function finishRunAndReport(env: Env, workspaceId: string, runId: string, status: RunStatus, reason: string | null, logs: PendingLog[] = []) {
  const scope = openWorkspaceScope(database(env), workspaceId);
  const run = await finishRun(scope, runId, status, reason, logs.map((log) => stepLogRow(runId, log)));
  if (!run) return;
  if (status === "failed") {
    const settings = await getSettings(scope);
    const streak = await recordRunFailure(
      scope,
      run.bundleId,
      settings.pauseAfterFailures,
      `Paused after ${settings.pauseAfterFailures} failed runs in a row. Last error: ${reason ?? "unknown"}`,
    );
    await notifyRunFailed(env, scope, run, reason ?? "", streak);
  }
  await startChainedRuns(env, scope, run);
}
