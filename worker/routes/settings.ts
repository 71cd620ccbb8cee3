// Workspace settings: timezone, default phone country, log retention, after how many failed
// runs in a row a bundle is paused, where failed runs are reported when a bundle has no
// notify_on_failure of its own, how many webhook deliveries a second each URL accepts, and
// how many run ledgers the workspace's runs are split over. Everyone reads; owners and admins
// change them, except the ledger split: only the owner, and only upwards.
import { createRoute } from "@hono/zod-openapi";
import type { Context } from "hono";
import { getConnection } from "../../db/queries/connections";
import { getSettings, saveSettings, type WorkspaceSettings as StoredSettings } from "../../db/queries/settings";
import type { WorkspaceScope } from "../../db/queries/workspace-scope";
import { audit } from "../audit/record";
import { requireRole, workspaceMember } from "../http/access";
import type { AppEnv } from "../http/context";
import { ValidationFailed } from "../errors";
import { bearerSecurity, errors, jsonBody, jsonResponse, newRouter, WorkspaceParam } from "../http/router";
import { WorkspaceSettings } from "./schemas/settings";

const base = { tags: ["account"], security: bearerSecurity, middleware: [workspaceMember] };

const get = createRoute({
  ...base,
  method: "get",
  path: "/w/{ws}/settings",
  summary: "Workspace settings",
  request: { params: WorkspaceParam },
  responses: { 200: jsonResponse(WorkspaceSettings, "Settings"), ...errors(401, 404) },
});

const patch = createRoute({
  ...base,
  method: "patch",
  path: "/w/{ws}/settings",
  summary: "Change workspace settings",
  request: { params: WorkspaceParam, ...jsonBody(WorkspaceSettings.partial()) },
  responses: { 200: jsonResponse(WorkspaceSettings, "Saved"), ...errors(400, 401, 403, 404) },
});

const toJson = (s: StoredSettings) => ({
  timezone: s.timezone,
  phone_country: s.phoneCountry,
  log_retention_days: s.logRetentionDays,
  pause_after_failures: s.pauseAfterFailures,
  notify_on_failure: s.notifyConnectionId && s.notifyChatId ? { connection: s.notifyConnectionId, chat_id: s.notifyChatId } : null,
  hook_rate_per_second: s.hookRatePerSecond,
  ledger_shards: s.ledgerShards,
});

async function checkAlertConnection(scope: WorkspaceScope, id: string) {
  const connection = await getConnection(scope, id);
  if (connection?.app !== "telegram") {
    throw new ValidationFailed({ en: "Choose a Telegram connection of this workspace.", ru: "Выберите подключение к Telegram из этого рабочего пространства." }, "/notify_on_failure/connection");
  }
}

/**
 * Runs stay in the shard they were recorded in and readers ask shards 0..n-1, so fewer shards
 * would hide the runs of the dropped ones: the count only grows, and only the owner grows it.
 * Sending the current value is not a change (the dashboard saves every field).
 */
async function checkLedgerShards(c: Context<AppEnv>, wanted: number) {
  const current = (await getSettings(c.get("scope"))).ledgerShards;
  if (wanted === current) return;
  requireRole(c, "owner");
  if (wanted < current) {
    throw new ValidationFailed(
      { en: `ledger_shards can only grow (it is ${current}): runs in the higher shards would become unreadable.`, ru: `ledger_shards можно только увеличить (сейчас ${current}): запуски в старших частях стали бы недоступны.` },
      "/ledger_shards",
    );
  }
}

export const settingsRoutes = newRouter()
  .openapi(get, async (c) => c.json(toJson(await getSettings(c.get("scope"))), 200))
  .openapi(patch, async (c) => {
    requireRole(c, "admin");
    const body = c.req.valid("json");
    const scope = c.get("scope");
    if (body.notify_on_failure) await checkAlertConnection(scope, body.notify_on_failure.connection);
    if (body.ledger_shards !== undefined) await checkLedgerShards(c, body.ledger_shards);
    const saved = await saveSettings(scope, {
      ...(body.timezone !== undefined && { timezone: body.timezone }),
      ...(body.phone_country !== undefined && { phoneCountry: body.phone_country }),
      ...(body.log_retention_days !== undefined && { logRetentionDays: body.log_retention_days }),
      ...(body.pause_after_failures !== undefined && { pauseAfterFailures: body.pause_after_failures }),
      ...(body.notify_on_failure !== undefined && {
        notifyConnectionId: body.notify_on_failure?.connection ?? null,
        notifyChatId: body.notify_on_failure?.chat_id ?? null,
      }),
      ...(body.hook_rate_per_second !== undefined && { hookRatePerSecond: body.hook_rate_per_second }),
      ...(body.ledger_shards !== undefined && { ledgerShards: body.ledger_shards }),
    });
    await audit(c, "settings.updated", c.get("scope").workspaceId, Object.keys(body).join(", "));
    return c.json(toJson(saved), 200);
  });
