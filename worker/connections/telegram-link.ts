// Linking a Telegram chat to a connection by a deep link. Asking for a link registers the
// bot's webhook (setWebhook with a fresh secret_token, kept hashed) and issues a one-time
// code; pressing Start in Telegram sends `/start <code>` to the webhook, which checks the
// secret header, uses the code once, stores the chat in the connection's `chat_id` and
// answers in the chat. Only the latest link's webhook is registered: a bot shared by two
// connections links through whichever asked last. Deleting a linked connection removes the
// webhook again if it is still this connection's.
import { claimLinkCode, findTelegramHook, insertLinkCode, saveTelegramHook } from "../../db/queries/telegram-links";
import { openWorkspaceScope, type WorkspaceScope } from "../../db/queries/workspace-scope";
import { database } from "../../db/client";
import { randomBase64Url } from "../bytes/random";
import { redactText } from "../redaction/text";
import { telegramFor } from "../connectors/telegram";
import { ConnectorError } from "../connectors/types";
import { newLinkCode, parseStartCommand, startLink } from "../connectors/telegram/messages";
import type { Env } from "../env";
import { appUrl } from "../links/app-url";
import { sha256Hex } from "../bytes/sha256";
import { httpClientFor } from "./http-client-for";
import type { LoadedConnection } from "./load-connection";
import { loadConnection } from "./load-connection";
import { errorFields, logEvent } from "../observability/log";

export const LINK_CODE_TTL_MS = 10 * 60_000;
export const SECRET_HEADER = "x-telegram-bot-api-secret-token";

export const telegramHookPath = (connectionId: string) => `/hooks/telegram/${connectionId}`;

export async function issueLink(env: Env, scope: WorkspaceScope, connection: LoadedConnection) {
  const bot = telegramFor({ connection: connection.fields, http: httpClientFor(env), store: connection });
  const me = await bot.call<{ username: string }>("getMe");
  const secret = randomBase64Url(32);
  await bot.call("setWebhook", { url: appUrl(env, telegramHookPath(connection.id)), secret_token: secret, allowed_updates: ["message"] });
  await saveTelegramHook(scope, connection.id, await sha256Hex(secret));
  const code = newLinkCode();
  const expiresAt = new Date(Date.now() + LINK_CODE_TTL_MS);
  await insertLinkCode(scope, { codeHash: await sha256Hex(code), connectionId: connection.id, expiresAt });
  return { url: startLink(me.username, code), code, expires_at: expiresAt.toISOString() };
}

/**
 * Before a Telegram connection is deleted: if we registered its bot's webhook and the bot
 * still points at this connection's hook (another connection with the same bot may have
 * linked since), deleteWebhook. Best effort: answers why it failed, for the caller to
 * report, and never stops the delete.
 */
export async function unlinkWebhook(env: Env, scope: WorkspaceScope, connectionId: string): Promise<string | undefined> {
  if (!(await findTelegramHook(scope.db, connectionId))) return undefined;
  const connection = await loadConnection(env, scope, connectionId);
  if (!connection) return undefined;
  try {
    const bot = telegramFor({ connection: connection.fields, http: httpClientFor(env), store: connection });
    const hook = await bot.call<{ url: string }>("getWebhookInfo");
    if (hook.url === appUrl(env, telegramHookPath(connectionId))) await bot.call("deleteWebhook");
    return undefined;
  } catch (err) {
    if (!(err instanceof ConnectorError)) throw err;
    const reason = redactText(err.message, connection.secretValues);
    return `The bot's Telegram webhook could not be removed: ${reason.replace(/\.?$/, ".")} Until it is, Telegram sends the bot's messages to Svyazka, which refuses them; remove it with the Bot API's deleteWebhook, or link the bot to another connection.`;
  }
}

export type UpdateOutcome = "forbidden" | "ignored" | "linked" | "refused";

/** One update from Telegram to the connection's webhook. */
export async function receiveUpdate(env: Env, connectionId: string, secret: string | undefined, update: unknown): Promise<UpdateOutcome> {
  const db = database(env);
  const hook = await findTelegramHook(db, connectionId);
  if (!hook || !secret || (await sha256Hex(secret)) !== hook.secretHash) return "forbidden";
  const start = parseStartCommand(update);
  if (!start) return "ignored";
  const scope = openWorkspaceScope(db, hook.workspaceId);
  const connection = await loadConnection(env, scope, connectionId);
  if (!connection) return "ignored";
  const bot = telegramFor({ connection: connection.fields, http: httpClientFor(env), store: connection });
  const reply = (text: string) =>
    bot.call("sendMessage", { chat_id: start.chatId, text }).catch((err: unknown) => logEvent("warn", "telegram_link.reply_failed", { workspace_id: hook.workspaceId, connection_id: connectionId, ...errorFields(err) }));

  if (!start.payload || !(await claimLinkCode(scope, await sha256Hex(start.payload), connectionId))) {
    await reply("This link is unknown, already used or expired. Create a new one in Svyazka.\nСсылка неизвестна, уже использована или устарела. Создайте новую в Связке.");
    return "refused";
  }
  await connection.update({ chat_id: String(start.chatId) });
  await reply("Linked: this chat now receives messages from Svyazka.\nЧат привязан: сюда будут приходить сообщения из Связки.");
  return "linked";
}
