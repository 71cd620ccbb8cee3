// "Test this step": one action step run once for real, outside any run. Its input is rendered
// from the given trigger data and the outputs of the bundle's last successful run (steps that
// never succeeded are absent), the action goes through the normal connector code and HTTP
// client, and the last HTTP exchange it made is shown. Everything shown is redacted as step
// logs are; nothing is stored.
import type { BundleRow } from "../../db/queries/bundles";
import type { WorkspaceScope } from "../../db/queries/workspace-scope";
import type { HttpExchange } from "../connectors/http-client";
import type { Env } from "../env";
import type { ActionStep, Bundle } from "../flow";
import { appUrl } from "../links/app-url";
import { workspaceLedgers } from "../runs/workspace-ledgers";
import { actionStepCall, callAction } from "./call-action";
import { forLog } from "./log-payload";
import { emptyPathNotes, renderStepInput } from "./render-step-input";
import { readText, type Locale } from "../i18n";
import { RunState } from "./run-state";

export interface StepTestResult {
  input: unknown;
  request: HttpExchange["request"] | null;
  response: HttpExchange["response"];
  output: unknown;
  error: { code: string; message: string } | null;
  /** Template paths that resolved to nothing, and one line per HTTP call (as in step logs). */
  notes: string[];
}

/** Messages and notes come in `locale`, like a run's when it is read. */
export async function testActionStep(env: Env, scope: WorkspaceScope, bundle: BundleRow, step: ActionStep, trigger: unknown, locale: Locale = "en"): Promise<StepTestResult> {
  const document = bundle.document as Bundle;
  const state = new RunState(document.trigger.id, trigger, {
    run: { id: "test", url: appUrl(env, `/w/${scope.workspaceId}/bundles/${bundle.id}`), started_at: new Date().toISOString() },
    bundle: { id: bundle.id, name: bundle.name, url: appUrl(env, `/w/${scope.workspaceId}/bundles/${bundle.id}`) },
  });
  const last = await (await workspaceLedgers(env, scope)).latestRun(bundle.id, { statuses: ["success"] });
  for (const log of last ? await last.ledger.stepLogs(last.run.id) : []) {
    if (log.status === "ok" && log.output && typeof log.output === "object") state.record(log.stepId, { ...(log.output as object), $ok: 1, $error: "", $status: "ok" });
  }
  const rendered = renderStepInput(step, state.scope());
  let exchange: HttpExchange | undefined;
  const call = await callAction(env, scope, {
    ...actionStepCall(step, rendered),
    onExchange: (e) => (exchange = e),
  });
  const shown = <T>(value: T) => forLog(value, call.secrets) as T;
  return {
    input: shown(rendered.value),
    request: exchange ? shown(exchange.request) : null,
    response: exchange?.response ? shown(exchange.response) : null,
    output: call.ok ? shown(call.output) : null,
    error: call.ok ? null : { code: call.errorCode, message: shown(readText(call.error, locale)) },
    notes: [...emptyPathNotes(rendered.missing), ...call.notes].map((note) => readText(note, locale)),
  };
}
