// Starting a run: record it once per (bundle, event) in D1, then create its Workflow instance
// with the same id. Both steps refuse duplicates, so a redelivered event or a double click
// never runs twice; a run whose instance could not be created stays `queued` for the cron to
// start again (the outbox).
import { insertRunOnce, type NewRun, type RunRow } from "../../db/queries/runs";
import type { WorkspaceScope } from "../../db/queries/workspace-scope";
import type { Env } from "../env";
import { assertRunQuota } from "../quotas/enforce";
import { runIdFor } from "./run-id";

/** `eventKey` identifies the triggering event: a delivery id, a sheet row, "manual-<uuid>". */
export type StartRunRequest = Omit<NewRun, "id">;

export async function startRun(env: Env, scope: WorkspaceScope, req: StartRunRequest): Promise<{ run: RunRow; created: boolean }> {
  const id = await runIdFor(req.bundleId, req.eventKey);
  await assertRunQuota(env, scope);
  const result = await insertRunOnce(scope, { id, ...req });
  if (result.created) await createInstance(env, scope.workspaceId, id);
  return result;
}

/** Creates the Workflow instance; an instance that already exists means the run is under way. */
export async function createInstance(env: Env, workspaceId: string, runId: string): Promise<boolean> {
  try {
    await env.RUNS.create({ id: runId, params: { workspaceId, runId } });
    return true;
  } catch (err) {
    if (String(err).includes("already_exists")) return false;
    console.error("run instance not created; the cron will retry", runId, String(err));
    return false;
  }
}
