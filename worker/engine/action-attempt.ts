// One attempt of an action step: render the inputs from the run's data, check them against the
// action's schema, call the connector with the workspace's connection, and describe the
// attempt's log (secrets redacted, large values truncated). The log is written by the durable
// step together with the attempt's result.
import type { WorkspaceScope } from "../../db/queries/workspace-scope";
import { renderInputs, type ActionStep } from "../flow";
import type { Env } from "../env";
import { connectionFromRow } from "../connections/load-connection";
import type { Ledger } from "../runs/ledger";
import { callAction, type ConnectionLoader } from "./call-action";
import { forLog } from "./log-payload";
import type { PendingLog } from "./run-state";
import type { ActionAttempt } from "./runner-context";

export function makeActionAttempt(env: Env, scope: WorkspaceScope, ledger: Ledger) {
  // Each connection once per run, from the ledger's cache (connection-cache.ts): steps using
  // the same connection share it, and a token it refreshes.
  const connections = new Map<string, ReturnType<ConnectionLoader>>();
  const connectionOf: ConnectionLoader = (e, s, id) => {
    if (!connections.has(id)) connections.set(id, ledger.connection(id).then((row) => row && connectionFromRow(e, s, row)));
    return connections.get(id)!;
  };
  return async (step: ActionStep, attempt: number, seq: number, templateScope: Record<string, unknown>): Promise<{ result: ActionAttempt; log: PendingLog }> => {
    const startedAt = Date.now();
    const rendered = renderInputs(step.input ?? {}, templateScope);
    const notes = rendered.missing.map((path) => `empty: {{${path}}} resolved to nothing`);
    const call = await callAction(env, scope, {
      app: step.app,
      action: step.action,
      connectionId: step.connection,
      input: rendered.value as Record<string, unknown>,
      dedup: step.dedup,
    }, connectionOf);
    notes.push(...call.notes);
    return {
      result: {
        ok: call.ok,
        output: call.ok ? call.output : {},
        error: call.ok ? "" : call.error,
        transient: call.transient,
        retryAfterSeconds: call.retryAfterSeconds,
      },
      log: {
        stepId: step.id,
        attempt,
        seq,
        status: call.ok ? "ok" : "error",
        input: forLog(rendered.value, call.secrets),
        output: call.ok ? forLog(call.output, call.secrets) : null,
        error: call.ok ? null : (forLog(call.error, call.secrets) as string),
        notes,
        startedAt,
        durationMs: Date.now() - startedAt,
      },
    };
  };
}
