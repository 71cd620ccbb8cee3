// One attempt of an action step, inside its durable step: render the inputs from the run's
// data, check them against the action's schema, call the connector with the workspace's
// connection, and write the attempt's log (secrets redacted, large values truncated).
import { upsertStepLogs } from "../../db/queries/runs";
import { openWorkspaceScope } from "../../db/queries/workspace-scope";
import { database } from "../../db/client";
import { renderInputs, type ActionStep } from "../flow";
import type { Env } from "../env";
import { callAction } from "./call-action";
import { forLog } from "./log-payload";
import type { ActionAttempt } from "./steps/action";

export function makeActionAttempt(env: Env, workspaceId: string, runId: string) {
  const scope = openWorkspaceScope(database(env), workspaceId);
  return async (step: ActionStep, attempt: number, seq: number, templateScope: Record<string, unknown>): Promise<ActionAttempt> => {
    const startedAt = Date.now();
    const rendered = renderInputs(step.input ?? {}, templateScope);
    const notes = rendered.missing.map((path) => `empty: {{${path}}} resolved to nothing`);
    const call = await callAction(env, scope, {
      app: step.app,
      action: step.action,
      connectionId: step.connection,
      input: rendered.value as Record<string, unknown>,
      dedup: step.dedup,
    });
    notes.push(...call.notes);
    await upsertStepLogs(scope, [{
      runId,
      stepId: step.id,
      attempt,
      seq,
      status: call.ok ? "ok" : "error",
      input: forLog(rendered.value, call.secrets),
      output: call.ok ? forLog(call.output, call.secrets) : null,
      error: call.ok ? null : (forLog(call.error, call.secrets) as string),
      notes: notes.length ? notes : null,
      startedAt: new Date(startedAt),
      durationMs: Date.now() - startedAt,
    }]);
    return {
      ok: call.ok,
      output: call.ok ? call.output : {},
      error: call.ok ? "" : call.error,
      transient: call.transient,
      retryAfterSeconds: call.retryAfterSeconds,
    };
  };
}
