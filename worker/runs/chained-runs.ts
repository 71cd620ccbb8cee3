// `bundle.finished` chaining: when a run of bundle A ends, every enabled bundle B whose trigger
// is "after A finished (with this status)" gets a run. B's trigger data is A's run: its status,
// its trigger data and its steps' outputs. The event is A's run, so B runs once per A run.
import { listFollowerBundles } from "../../db/queries/bundles";
import type { WorkspaceScope } from "../../db/queries/workspace-scope";
import type { RunRow } from "../../db/ledger/queries/runs";
import type { Env } from "../env";
import type { Bundle } from "../flow";
import { cutAtDepth } from "../json/bounds";
import { startRun } from "./intake";
import type { Ledger } from "./ledger";
import { loadPayload } from "./payloads";
import { readText } from "../i18n";
import { errorFields, logEvent } from "../observability/log";

interface ChainOptions {
  status?: "any" | "success" | "failed";
}

/** `ledger` is the one A's run is in (its step logs are there). */
export async function startChainedRuns(env: Env, scope: WorkspaceScope, ledger: Ledger, run: RunRow) {
  const followers = (await listFollowerBundles(scope, run.bundleId)).filter((b) => {
    const trigger = (b.document as Bundle).trigger;
    const wanted = ((trigger.options ?? {}) as ChainOptions).status ?? "any";
    return wanted === "any" || wanted === run.status;
  });
  if (followers.length === 0) return;
  const trigger = await chainedTriggerData(env, ledger, run);
  for (const b of followers) {
    // Over the runs quota the follower is not started; the run that finished stays finished.
    await startRun(env, scope, { bundleId: b.id, bundleVersion: b.version, eventKey: `after-${run.id}`, trigger }).catch((err) => logEvent("error", "chained_run.not_started", { workspace_id: scope.workspaceId, bundle_id: b.id, after_run_id: run.id, ...errorFields(err) }));
  }
}

/** What a follower sees of A's run: its status, trigger data and the outputs of its steps that succeeded or stopped it (cut at the JSON depth bound, which their nesting here can pass). */
export async function chainedTriggerData(env: Env, ledger: Ledger, run: RunRow) {
  const steps: Record<string, unknown> = {};
  for (const log of await ledger.stepLogs(run.id)) if (log.status === "ok" || log.status === "stopped") steps[log.stepId] = log.output;
  return cutAtDepth({ run_id: run.id, bundle_id: run.bundleId, status: run.status, error: run.error ? readText(run.error, "en") : "", trigger: await loadPayload(env, run.trigger), steps });
}
