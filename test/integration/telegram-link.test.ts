// Linking a Telegram chat by a t.me/<bot>?start=<code> deep link, against the Bot API double:
// the link registers the bot's webhook with a secret; Start in the chat stores its id in the
// connection; wrong secrets, reused and expired codes store nothing. Deleting the connection
// removes the webhook again (best effort, reported when it fails).
import { env } from "cloudflare:workers";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FAKE_BOT_TOKEN } from "../fakes/telegram";
import { call, ORIGIN } from "./support/api";
import { createBundle, manualBundle } from "./support/bundles";
import { amocrmConnection, telegramConnection } from "./support/connections";
import { admin, injectFault, resetFaults, sentTo, TELEGRAM } from "./support/fakes";
import { runBundle } from "./support/runs";
import { apiKey, signUp, type User } from "./support/workspace";

const chat = () => Math.floor(Math.random() * 1e9) + 1e9;
const requestLink = (u: User, id: string) => call("POST", `/api/v1/w/${u.workspaceId}/connections/${id}/telegram/link`, { token: u.token });

/** What Telegram does when the user presses Start: the update goes to the registered webhook. */
async function pressStart(chatId: number, text: string, secret?: string) {
  const delivery = await admin(TELEGRAM, "start", { chat_id: chatId, text });
  const url = new URL(delivery.url);
  expect(url.origin).toBe(ORIGIN);
  const headers = { ...delivery.headers, ...(secret === undefined ? {} : { "x-telegram-bot-api-secret-token": secret }) };
  return call("POST", url.pathname, { headers, body: delivery.update });
}

const chatIdOf = async (u: User, id: string) => (await call("GET", `/api/v1/w/${u.workspaceId}/connections/${id}`, { token: u.token })).json.fields.chat_id;

beforeEach(async () => {
  await admin(TELEGRAM, "reset", {});
});

describe("linking a Telegram chat", { timeout: 30_000 }, () => {
  it("registers the webhook, links the chat that pressed Start, and sends there when a step gives no chat", async () => {
    const u = await signUp("tg-link");
    const id = await telegramConnection(u);
    const res = await requestLink(u, id);
    expect(res.status).toBe(200);
    expect(res.json.url).toBe(`https://t.me/svyazka_test_bot?start=${res.json.code}`);
    expect(res.json.code).toMatch(/^[\w-]{32}$/);
    expect(Date.parse(res.json.expires_at) - Date.now()).toBeGreaterThan(9 * 60_000);
    const hook = (await admin(TELEGRAM, "state")).webhooks["123456:TEST-token_abc"];
    expect(hook).toMatchObject({ url: `${ORIGIN}/hooks/telegram/${id}`, secret_token: expect.stringMatching(/^[\w-]{43}$/), allowed_updates: ["message"] });

    const chatId = chat();
    const delivered = await pressStart(chatId, `/start ${res.json.code}`);
    expect(delivered.status).toBe(200);
    expect(await chatIdOf(u, id)).toBe(String(chatId));
    expect(await sentTo(chatId)).toEqual(["Linked: this chat now receives messages from Svyazka.\nЧат привязан: сюда будут приходить сообщения из Связки."]);
    // The secret never leaves through the API.
    expect((await call("GET", `/api/v1/w/${u.workspaceId}/connections/${id}`, { token: u.token })).text).not.toContain(hook.secret_token);

    const bundleId = await createBundle(u, manualBundle({ name: "notify", steps: [{ id: "say", kind: "action", app: "telegram", action: "send_message", connection: id, input: { text: "Новая заявка" } }] }));
    const run = await runBundle(u, bundleId, {});
    expect(run.status).toBe("success");
    expect((await sentTo(chatId)).at(-1)).toBe("Новая заявка");
  });

  it("refuses an update without the right secret: 403, nothing stored, nothing sent", async () => {
    const u = await signUp("tg-secret");
    const id = await telegramConnection(u);
    const { code } = (await requestLink(u, id)).json;
    const chatId = chat();
    expect((await pressStart(chatId, `/start ${code}`, "forged-secret")).status).toBe(403);
    const unsigned = await call("POST", `/hooks/telegram/${id}`, { body: { update_id: 1 } });
    expect(unsigned.status).toBe(403);
    expect(unsigned.json).toEqual({ error: { code: "forbidden", message: "The secret token does not match this webhook.", path: "" } });
    expect(await chatIdOf(u, id)).toBeUndefined();
    expect(await sentTo(chatId)).toEqual([]);
    // The right secret still works with the same code.
    await pressStart(chatId, `/start ${code}`);
    expect(await chatIdOf(u, id)).toBe(String(chatId));
  });

  it("uses a code once: a second chat is told the link is used, and the first chat stays linked", async () => {
    const u = await signUp("tg-reuse");
    const id = await telegramConnection(u);
    const { code } = (await requestLink(u, id)).json;
    const first = chat();
    const second = chat();
    await pressStart(first, `/start ${code}`);
    expect((await pressStart(second, `/start ${code}`)).status).toBe(200);
    expect(await chatIdOf(u, id)).toBe(String(first));
    expect(await sentTo(second)).toEqual(["This link is unknown, already used or expired. Create a new one in Svyazka.\nСсылка неизвестна, уже использована или устарела. Создайте новую в Связке."]);
  });

  it("explains an expired or unknown code in the chat and stores nothing", async () => {
    const u = await signUp("tg-expired");
    const id = await telegramConnection(u);
    const { code } = (await requestLink(u, id)).json;
    await env.DB.prepare("UPDATE telegram_link_code SET expires_at = ? WHERE connection_id = ?").bind(Date.now() - 1000, id).run();
    const chatId = chat();
    await pressStart(chatId, `/start ${code}`);
    await pressStart(chatId, "/start made-up-code");
    expect(await chatIdOf(u, id)).toBeUndefined();
    expect(await sentTo(chatId)).toHaveLength(2);
    expect((await sentTo(chatId))[0]).toMatch(/unknown, already used or expired/);
    // Other messages to the bot are acknowledged and ignored.
    expect((await pressStart(chatId, "hello")).status).toBe(200);
    expect(await sentTo(chatId)).toHaveLength(2);
  });

  it("needs an editor, a Telegram connection, and a bot token Telegram accepts", async () => {
    const u = await signUp("tg-rules");
    const id = await telegramConnection(u);
    expect((await call("POST", `/api/v1/w/${u.workspaceId}/connections/${id}/telegram/link`, { token: await apiKey(u, "viewer") })).status).toBe(403);
    expect((await requestLink(u, await amocrmConnection(u))).status).toBe(409);
    await call("PATCH", `/api/v1/w/${u.workspaceId}/connections/${id}`, { token: u.token, body: { fields: { bot_token: "999:revoked" } } });
    const refused = await requestLink(u, id);
    expect(refused.status).toBe(422);
    expect(refused.json.error.message).toMatch(/Telegram rejected the bot token/);
    expect(refused.text).not.toContain("999:revoked");
  });
});

describe("deleting a linked Telegram connection", { timeout: 30_000 }, () => {
  const remove = (u: User, id: string) => call("DELETE", `/api/v1/w/${u.workspaceId}/connections/${id}`, { token: u.token });
  const tgState = () => admin(TELEGRAM, "state") as Promise<{ webhooks: Record<string, { url: string }>; deletedWebhooks: Array<{ token: string; url: string }>; requests: Record<string, number> }>;

  afterEach(resetFaults);

  it("removes the bot's webhook with deleteWebhook", async () => {
    const u = await signUp("tg-del");
    const id = await telegramConnection(u);
    await requestLink(u, id);
    const res = await remove(u, id);
    expect(res.status).toBe(204);
    expect(res.headers.get("svyazka-warning")).toBeNull();
    const tg = await tgState();
    expect(tg.deletedWebhooks).toEqual([{ token: FAKE_BOT_TOKEN, url: `${ORIGIN}/hooks/telegram/${id}` }]);
    expect(tg.webhooks[FAKE_BOT_TOKEN]).toBeUndefined();
    expect((await call("GET", `/api/v1/w/${u.workspaceId}/connections/${id}`, { token: u.token })).status).toBe(404);
  });

  it("leaves the webhook alone when another connection with the same bot linked since, or none was ever linked", async () => {
    const u = await signUp("tg-del-shared");
    const first = await telegramConnection(u);
    const second = await telegramConnection(u);
    const never = await telegramConnection(u);
    await requestLink(u, first);
    await requestLink(u, second);
    expect((await remove(u, first)).status).toBe(204);
    expect((await remove(u, never)).status).toBe(204);
    const tg = await tgState();
    expect(tg.deletedWebhooks).toEqual([]);
    expect(tg.webhooks[FAKE_BOT_TOKEN].url).toBe(`${ORIGIN}/hooks/telegram/${second}`);
    expect(tg.requests.getWebhookInfo).toBe(1); // only for the connection that had linked
  });

  it("still deletes when deleteWebhook fails, and reports it in a header and the audit log", async () => {
    const u = await signUp("tg-del-fail");
    const id = await telegramConnection(u);
    await requestLink(u, id);
    await injectFault({ host: "telegram.fake", match: `POST /bot${FAKE_BOT_TOKEN}/deleteWebhook`, kind: "status", status: 500 });
    const res = await remove(u, id);
    expect(res.status).toBe(204);
    const warning = "The bot's Telegram webhook could not be removed: Telegram failed with HTTP 500. Injected fault: HTTP 500 from the fault layer. Until it is, Telegram sends the bot's messages to Svyazka, which refuses them; remove it with the Bot API's deleteWebhook, or link the bot to another connection.";
    expect(res.headers.get("svyazka-warning")).toBe(warning);
    expect((await call("GET", `/api/v1/w/${u.workspaceId}/connections/${id}`, { token: u.token })).status).toBe(404);
    const events = (await call("GET", `/api/v1/w/${u.workspaceId}/audit?target_id=${id}`, { token: u.token })).json.items;
    expect(events[0]).toMatchObject({ action: "connection.deleted", detail: warning });
    expect((await tgState()).webhooks[FAKE_BOT_TOKEN].url).toBe(`${ORIGIN}/hooks/telegram/${id}`);
    // Telegram's retries of updates to the deleted connection's hook are refused.
    expect((await pressStart(chat(), "/start anything")).status).toBe(403);
  });

  it("never puts the bot token in the report", async () => {
    const u = await signUp("tg-del-token");
    const id = await telegramConnection(u);
    await requestLink(u, id);
    // The token stored now is one Telegram does not know (revoked at @BotFather, or mistyped).
    const revoked = "999:revoked-token-value";
    await call("PATCH", `/api/v1/w/${u.workspaceId}/connections/${id}`, { token: u.token, body: { fields: { bot_token: revoked } } });
    const res = await remove(u, id);
    expect(res.status).toBe(204);
    expect(res.headers.get("svyazka-warning")).toMatch(/^The bot's Telegram webhook could not be removed: Telegram rejected the bot token/);
    const audit = await call("GET", `/api/v1/w/${u.workspaceId}/audit?target_id=${id}`, { token: u.token });
    expect(audit.json.items[0].detail).toMatch(/rejected the bot token/);
    expect(audit.text + res.headers.get("svyazka-warning")).not.toContain(revoked);
  });
});
