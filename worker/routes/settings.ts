// Workspace settings: timezone, default phone country, log retention, after how many failed
// runs in a row a bundle is paused, where failed runs are reported when a bundle has no
// notify_on_failure of its own, how many webhook deliveries a second each URL accepts, and
// how many run ledgers the workspace's runs are split over and which bundles spread over all of
// them. Everyone reads; owners and admins change them, except the ledger split and the spread
// bundles: only the owner, and only upwards.
import { createRoute } from "@hono/zod-openapi";
import type { Context } from "hono";
import { getConnection } from "../../db/queries/connections";
import { existingBundleIds } from "../../db/queries/bundles";
import { getSettings, MAX_LEDGER_SPREAD, saveSettings, type WorkspaceSettings as StoredSettings } from "../../db/queries/settings";
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
  ledger_spread: s.ledgerSpread,
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

/**
 * A spread bundle's runs are in every shard and its readers ask them all; taken off the list,
 * its readers would ask its home shard only and lose the rest: the list only grows, and only the
 * owner grows it. Sending the current list (or a part of it) with nothing new is not a change.
 */
async function checkLedgerSpread(c: Context<AppEnv>, wanted: string[]) {
  const scope = c.get("scope");
  const current = (await getSettings(scope)).ledgerSpread;
  const removed = current.filter((id) => !wanted.includes(id));
  if (removed.length > 0) {
    throw new ValidationFailed(
      {
        en: `ledger_spread can only grow: a bundle spread over the ledgers (${removed.join(", ")}) stays spread, or the runs in its other shards would become unreadable.`,
        ru: `ledger_spread можно только дополнить: связка, распределённая по частям (${removed.join(", ")}), остаётся распределённой, иначе её запуски в других частях стали бы недоступны.`,
      },
      "/ledger_spread",
    );
  }
  const added = [...new Set(wanted)].filter((id) => !current.includes(id));
  if (added.length === 0) return;
  requireRole(c, "owner");
  if (current.length + added.length > MAX_LEDGER_SPREAD) {
    throw new ValidationFailed({ en: `At most ${MAX_LEDGER_SPREAD} bundles can be spread.`, ru: `Распределить можно не больше ${MAX_LEDGER_SPREAD} связок.` }, "/ledger_spread");
  }
  const existing = await existingBundleIds(scope, added);
  const unknown = added.filter((id) => !existing.has(id));
  if (unknown.length > 0) {
    throw new ValidationFailed({ en: `No bundle of this workspace has the id ${unknown.join(", ")}.`, ru: `В этом рабочем пространстве нет связки с id ${unknown.join(", ")}.` }, "/ledger_spread");
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
    if (body.ledger_spread !== undefined) await checkLedgerSpread(c, body.ledger_spread);
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
      ...(body.ledger_spread !== undefined && { ledgerSpread: [...new Set(body.ledger_spread)] }),
    });
    await audit(c, "settings.updated", c.get("scope").workspaceId, Object.keys(body).join(", "));
    return c.json(toJson(saved), 200);
  });
