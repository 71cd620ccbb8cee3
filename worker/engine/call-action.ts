// Calls one connector action for a workspace: resolves the connection (decrypting its
// secrets), checks the input against the action's schema, and turns every failure into a
// value with a message for the user. Shared by action steps and failure notifications.
import type { WorkspaceScope } from "../../db/queries/workspace-scope";
import { httpClientFor } from "../connections/http-client-for";
import { loadConnection, type LoadedConnection } from "../connections/load-connection";
import { getAction } from "../connectors/catalogue";
import type { HttpExchange } from "../connectors/http-client";
import { ConnectorError } from "../connectors/types";
import type { Env } from "../env";
import type { ActionStep } from "../flow";
import { getSettings } from "../../db/queries/settings";
import { matchGuard } from "../dedup/match-guard";
import { runWithDedup } from "./dedup";
import { internalError } from "../observability/internal-error";
import { jsonPointer } from "../json/pointer";
import { issueInRussian, type Text } from "../i18n";

export interface ActionCall {
  app: string;
  action: string;
  connectionId?: string;
  input: Record<string, unknown>;
  /** Why the rendered input must not be sent (a URL that data would turn up the path); the call fails with it. */
  refused?: string | Text;
  dedup?: ActionStep["dedup"];
  /** Sees each HTTP exchange the action makes (testing one step shows them). */
  onExchange?: (exchange: HttpExchange) => void;
  /** Awaited before each request is sent (a run's previous step being recorded). */
  beforeSend?: () => Promise<void>;
}

export interface ActionCallResult {
  ok: boolean;
  output: Record<string, unknown>;
  /** In every language when it has words to translate: shown in the reader's (decision 0030). */
  error: string | Text;
  /** A stable code for the failure ("invalid_input", the connector's code…); "" on success. */
  errorCode: string;
  transient: boolean;
  retryAfterSeconds?: number;
  /** Notes for the step log (HTTP calls made, redacted). */
  notes: (string | Text)[];
  /** Secret values of the connection, to redact from anything logged. */
  secrets: string[];
}

/** The call an action step makes with its input rendered from the run's data (a run's attempt and a step test alike). */
export function actionStepCall(step: ActionStep, rendered: { value: Record<string, unknown>; problems: readonly Text[] }): ActionCall {
  return { app: step.app, action: step.action, connectionId: step.connection, input: rendered.value, refused: rendered.problems[0], dedup: step.dedup };
}

/** How a call gets its connection; a run passes one that remembers each connection for the run. */
export type ConnectionLoader = (env: Env, scope: WorkspaceScope, id: string) => Promise<LoadedConnection | undefined>;

export async function callAction(env: Env, scope: WorkspaceScope, call: ActionCall, connectionOf: ConnectionLoader = loadConnection): Promise<ActionCallResult> {
  const notes: (string | Text)[] = [];
  const fail = (errorCode: string, error: string | Text, extra: Partial<ActionCallResult> = {}): ActionCallResult => ({
    ok: false,
    output: {},
    error,
    errorCode,
    transient: false,
    notes,
    secrets: [],
    ...extra,
  });
  const action = getAction(call.app, call.action);
  if (!action) return fail("unknown_action", { en: `Unknown action ${call.app}.${call.action}.`, ru: `Неизвестное действие ${call.app}.${call.action}.` });
  const connection = call.connectionId ? await connectionOf(env, scope, call.connectionId) : undefined;
  if (call.connectionId && !connection) return fail("connection_missing", {
      en: `Connection "${call.connectionId}" no longer exists in this workspace.`,
      ru: `Подключения «${call.connectionId}» больше нет в этом рабочем пространстве.`,
    });
  const secrets = connection?.secretValues ?? [];
  if (call.refused) return fail("invalid_input", call.refused, { secrets });
  const parsed = action.input.safeParse(call.input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = jsonPointer(issue.path).slice(1);
    return fail("invalid_input", { en: `Input ${field || "(all)"}: ${issue.message}`, ru: `Поле ${field || "(всё)"}: ${issueInRussian(issue)}` }, { secrets });
  }
  const http = httpClientFor(env, (line) => notes.push(line), call.onExchange, call.beforeSend);
  try {
    const ctx = {
      input: parsed.data as Record<string, unknown>,
      connection: connection?.fields ?? {},
      http,
      store: connection ?? { update: async () => {} },
      log: (message: string | Text) => notes.push(message),
    };
    const output =
      call.dedup && action.dedup
        ? await runWithDedup(action, ctx, call.dedup, matchGuard(env, scope.workspaceId, call.connectionId ?? ""), (await getSettings(scope)).phoneCountry)
        : await action.run(ctx);
    return { ok: true, output: output as Record<string, unknown>, error: "", errorCode: "", transient: false, notes, secrets };
  } catch (err) {
    if (err instanceof ConnectorError) {
      return fail(err.options.code ?? "connector_error", err.text, { transient: Boolean(err.options.transient), retryAfterSeconds: err.options.retryAfterSeconds, secrets });
    }
    const { id } = internalError(err, `${call.app}.${call.action}`, secrets);
    return fail(
      "connector_crashed",
      {
        en: `The ${call.app} connector failed unexpectedly (error id ${id}). Try again; if it keeps happening, tell us this id.`,
        ru: `Коннектор ${call.app} неожиданно сломался (номер ошибки ${id}). Попробуйте ещё раз; если повторится, сообщите нам этот номер.`,
      },
      { secrets },
    );
  }
}
