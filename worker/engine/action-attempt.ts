// One attempt of an action step: render the inputs from the run's data, check them against the
// action's schema, call the connector with the workspace's connection, and describe the
// attempt's log (secrets redacted, large values truncated). The log is written by the durable
// step together with the attempt's result.
import type { WorkspaceScope } from "../../db/queries/workspace-scope";
import type { ActionStep } from "../flow";
import type { Env } from "../env";
import { connectionFromRow } from "../connections/load-connection";
import type { Ledger } from "../runs/ledger";
import { ConnectorError } from "../connectors/types";
import { actionStepCall, callAction, type ConnectionLoader } from "./call-action";
import { forLog } from "./log-payload";
import { redactJson } from "../redaction/json";
import { emptyPathNotes, renderStepInput } from "./render-step-input";
import { storeText, type Text } from "../i18n";
import type { PendingLog } from "./run-state";
import type { ActionAttempt } from "./runner-context";

/**
 * Each connection once per run, from the ledger's cache (connection-cache.ts): steps using the
 * same connection share it, and a token it refreshes. `prefetch` starts reading some before
 * the first step needs them (while the run is being taken).
 */
export function runConnections(ledger: Ledger): ConnectionLoader & { prefetch(env: Env, scope: WorkspaceScope, ids: readonly string[]): void } {
  const connections = new Map<string, ReturnType<ConnectionLoader>>();
  const connectionOf: ConnectionLoader = (e, s, id) => {
    if (!connections.has(id)) connections.set(id, ledger.connection(id).then((row) => row && connectionFromRow(e, s, row)));
    return connections.get(id)!;
  };
  return Object.assign(connectionOf, {
    prefetch(env: Env, scope: WorkspaceScope, ids: readonly string[]) {
      // A failed read fails the step that needs it, as it would have unread.
      for (const id of ids) connectionOf(env, scope, id).catch(() => {});
    },
  });
}

/** `runSecrets`: values redacted from the logs besides the connection's (those of the trigger data). */
export function makeActionAttempt(env: Env, scope: WorkspaceScope, connectionOf: ConnectionLoader, runSecrets: readonly string[] = []) {
  return async (step: ActionStep, attempt: number, seq: number, templateScope: Record<string, unknown>, recorded: Promise<void>): Promise<{ result: ActionAttempt; log: PendingLog }> => {
    const startedAt = Date.now();
    const rendered = renderStepInput(step, templateScope);
    const notes: (string | Text)[] = emptyPathNotes(rendered.missing);
    const call = await callAction(env, scope, {
      ...actionStepCall(step, rendered),
      // The executor ends the run when the write failed; this only keeps the request unsent.
      beforeSend: () => recorded.catch(() => Promise.reject(new ConnectorError("The run's previous step could not be recorded.", { transient: true }))),
    }, connectionOf);
    notes.push(...call.notes);
    const secrets = [...call.secrets, ...runSecrets];
    return {
      result: {
        ok: call.ok,
        output: call.ok ? call.output : {},
        // The run's error repeats this: redacted like the log.
        error: call.ok ? "" : redactJson(call.error, secrets),
        transient: call.transient,
        retryAfterSeconds: call.retryAfterSeconds,
      },
      log: {
        stepId: step.id,
        attempt,
        seq,
        status: call.ok ? "ok" : "error",
        input: forLog(rendered.value, secrets),
        output: call.ok ? forLog(call.output, secrets) : null,
        error: call.ok ? null : storeText(redactJson(call.error, secrets)),
        notes: redactJson(notes, secrets),
        startedAt,
        durationMs: Date.now() - startedAt,
      },
    };
  };
}
