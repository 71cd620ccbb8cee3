// settings.notify_on_failure (else the workspace's failure alert): one Telegram message per
// failed run, at most NOTIFICATIONS_PER_HOUR per bundle so a broken bundle cannot flood the chat.
import { getBundle } from "../../db/queries/bundles";
import { getSettings } from "../../db/queries/settings";
import type { WorkspaceScope } from "../../db/queries/workspace-scope";
import type { RunRow } from "../../db/ledger/queries/runs";
import type { Bundle } from "../flow";
import type { Env } from "../env";
import { appUrl } from "../links/app-url";
import type { Ledger } from "../runs/ledger";
import { workspaceLedgers } from "../runs/workspace-ledgers";
import { callAction } from "./call-action";
import { logEvent } from "../observability/log";
import { readText } from "../i18n";

export const NOTIFICATIONS_PER_HOUR = 5;

export async function notifyRunFailed(env: Env, scope: WorkspaceScope, ledger: Ledger, run: RunRow, reason: string, streak: number) {
  const bundle = await getBundle(scope, run.bundleId);
  if (!bundle) return;
  const target = (bundle.document as Bundle).settings?.notify_on_failure ?? (await workspaceAlert(scope));
  if (!target) return;
  // The bundle's alerts are counted where its runs are: every shard for a spread bundle.
  const sent = await (await workspaceLedgers(env, scope)).countNotificationsSince(bundle.id, new Date(Date.now() - 3_600_000));
  if (sent >= NOTIFICATIONS_PER_HOUR) return;
  const lines = [
    `⚠️ Bundle «${bundle.name}» failed.`,
    reason,
    `Run: ${appUrl(env, `/w/${scope.workspaceId}/runs/${run.id}`)}`,
    streak > 1 ? `${streak} failed runs in a row.` : "",
    bundle.pausedReason ? `The bundle is paused: ${readText(bundle.pausedReason, "en")}` : "",
  ];
  const result = await callAction(env, scope, {
    app: "telegram",
    action: "send_message",
    connectionId: target.connection,
    input: { chat_id: target.chat_id, text: lines.filter(Boolean).join("\n") },
  });
  if (result.ok) await ledger.markNotified(run.id);
  else logEvent("warn", "failure_alert.not_sent", { run_id: run.id, workspace_id: scope.workspaceId, bundle_id: bundle.id, error: readText(result.error, "en") });
}

async function workspaceAlert(scope: WorkspaceScope) {
  const { notifyConnectionId: connection, notifyChatId: chat_id } = await getSettings(scope);
  return connection && chat_id ? { connection, chat_id } : undefined;
}
