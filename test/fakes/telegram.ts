// A Telegram Bot API double that follows the real contract (external-apis.md §4): the token
// in the path (/bot<token>/<method>), `{ok:true,result}` or `{ok:false,error_code,
// description,parameters?}`, 401 for an unknown token, 400 for a text over 4096 characters or
// an unknown chat, 429 with `parameters.retry_after` on demand; setWebhook (HTTPS only, as
// Telegram demands, except for localhost; `secret_token` of A-Z a-z 0-9 _ -), getWebhookInfo,
// deleteWebhook (each one recorded in `deletedWebhooks` with the URL it removed, "" if none).
// Admin endpoints: GET /__admin/state, POST /__admin/reset, POST
// /__admin/knobs (JSON, merged), POST /__admin/start {chat_id, text} → the request Telegram
// would send to the bot's webhook for that message (url, headers with the secret, update).
import { Hono, type Context } from "hono";

export const FAKE_BOT_TOKEN = "123456:TEST-token_abc";

export interface TelegramFakeKnobs {
  /** Tokens that authenticate; anything else is 401 Unauthorized. */
  tokens: string[];
  /** Chats that do not exist (400 "chat not found"). */
  unknownChats: string[];
  /** Chats whose user blocked the bot (403). */
  blockedChats: string[];
  /** The next N calls answer 429 with `retry_after` seconds. */
  rateLimit: { times: number; retryAfter: number };
}

/** A rejected token containing this is repeated in the 401's description, as some services repeat
 * a bad key. A property of the token, not a knob: test files share this double and run at once. */
export const ECHOED_TOKEN_MARK = "ECHOED";

export interface SentMessage {
  message_id: number;
  chat_id: string;
  text: string;
  parse_mode?: string;
}

const defaults = (): TelegramFakeKnobs => ({
  tokens: [FAKE_BOT_TOKEN],
  unknownChats: ["404", "@nosuchchannel"],
  blockedChats: ["403"],
  rateLimit: { times: 0, retryAfter: 0 },
});

let knobs = defaults();
let messages: SentMessage[] = [];
let requests: Record<string, number> = {};
/** The registered webhook per bot token. */
let webhooks: Record<string, { url: string; secret_token?: string; allowed_updates?: string[] }> = {};
/** Every deleteWebhook call, in order: which bot, and the URL that was registered then. */
let deletedWebhooks: Array<{ token: string; url: string }> = [];
let updateId = 0;

const fail = (c: Context, error_code: number, description: string, parameters?: Record<string, number>) =>
  c.json({ ok: false, error_code, description, ...(parameters ? { parameters } : {}) }, error_code as 400);

async function params(c: Context): Promise<Record<string, unknown>> {
  const query = c.req.query();
  if (c.req.method !== "POST") return query;
  const type = c.req.header("content-type") ?? "";
  if (type.includes("json")) return { ...query, ...((await c.req.json().catch(() => ({}))) as object) };
  if (type.includes("form")) return { ...query, ...(await c.req.parseBody()) };
  return query;
}

export const telegramFake = new Hono()
  .get("/__admin/state", (c) => c.json({ messages, requests, knobs, webhooks, deletedWebhooks }))
  .post("/__admin/reset", (c) => {
    knobs = defaults();
    messages = [];
    requests = {};
    webhooks = {};
    deletedWebhooks = [];
    return c.json({ ok: true });
  })
  .post("/__admin/start", async (c) => {
    const { chat_id, text, token = FAKE_BOT_TOKEN } = (await c.req.json()) as { chat_id: number; text: string; token?: string };
    const hook = webhooks[token];
    if (!hook) return c.json({ error: "no webhook registered for this bot" }, 404);
    const from = { id: chat_id, is_bot: false, first_name: "Test", username: `user${chat_id}` };
    const update = { update_id: ++updateId, message: { message_id: updateId, from, chat: { id: chat_id, type: "private", first_name: "Test" }, date: Math.floor(Date.now() / 1000), text } };
    return c.json({ url: hook.url, headers: hook.secret_token ? { "x-telegram-bot-api-secret-token": hook.secret_token } : {}, update });
  })
  .post("/__admin/knobs", async (c) => {
    knobs = { ...knobs, ...((await c.req.json()) as Partial<TelegramFakeKnobs>) };
    return c.json(knobs);
  })
  .on(["GET", "POST"], "/:bot{bot[^/]+}/:method", async (c) => {
    const method = c.req.param("method");
    requests[method] = (requests[method] ?? 0) + 1;
    const token = c.req.param("bot").slice(3);
    if (!knobs.tokens.includes(token)) return fail(c, 401, token.includes(ECHOED_TOKEN_MARK) ? `Unauthorized: no bot has the token ${token}` : "Unauthorized");
    if (knobs.rateLimit.times > 0) {
      knobs.rateLimit.times--;
      const seconds = knobs.rateLimit.retryAfter;
      return fail(c, 429, `Too Many Requests: retry after ${seconds}`, { retry_after: seconds });
    }
    const p = await params(c);
    if (method === "getMe") {
      return c.json({ ok: true, result: { id: 123456, is_bot: true, first_name: "Svyazka Test", username: "svyazka_test_bot" } });
    }
    if (method === "setWebhook") {
      const url = typeof p.url === "string" ? p.url : "";
      if (!url) {
        delete webhooks[token];
        return c.json({ ok: true, result: true, description: "Webhook was deleted" });
      }
      const parsed = URL.canParse(url) ? new URL(url) : undefined;
      if (!parsed || (parsed.protocol !== "https:" && parsed.hostname !== "localhost")) return fail(c, 400, "Bad Request: bad webhook: An HTTPS URL must be provided for webhook");
      const secret = p.secret_token === undefined ? undefined : String(p.secret_token);
      if (secret !== undefined && !/^[A-Za-z0-9_-]{1,256}$/.test(secret)) return fail(c, 400, "Bad Request: secret token contains unallowed characters");
      webhooks[token] = { url, secret_token: secret, allowed_updates: p.allowed_updates as string[] | undefined };
      return c.json({ ok: true, result: true, description: "Webhook was set" });
    }
    if (method === "deleteWebhook") {
      deletedWebhooks.push({ token, url: webhooks[token]?.url ?? "" });
      delete webhooks[token];
      return c.json({ ok: true, result: true, description: "Webhook was deleted" });
    }
    if (method === "getWebhookInfo") {
      return c.json({ ok: true, result: { url: webhooks[token]?.url ?? "", has_custom_certificate: false, pending_update_count: 0 } });
    }
    if (method === "sendMessage") {
      const chat = p.chat_id === undefined ? "" : String(p.chat_id);
      const text = typeof p.text === "string" ? p.text : "";
      if (!chat) return fail(c, 400, "Bad Request: chat_id is empty");
      if (!text.trim()) return fail(c, 400, "Bad Request: message text is empty");
      if (text.length > 4096) return fail(c, 400, "Bad Request: message is too long");
      if (knobs.unknownChats.includes(chat)) return fail(c, 400, "Bad Request: chat not found");
      if (knobs.blockedChats.includes(chat)) return fail(c, 403, "Forbidden: bot was blocked by the user");
      const message = { message_id: messages.length + 1, chat_id: chat, text, parse_mode: p.parse_mode as string | undefined };
      messages.push(message);
      const chatId = /^-?\d+$/.test(chat) ? Number(chat) : -1001234567890;
      return c.json({ ok: true, result: { message_id: message.message_id, date: Math.floor(Date.now() / 1000), chat: { id: chatId, type: "private" }, text } });
    }
    return fail(c, 404, "Not Found");
  })
  .all("*", (c) => fail(c, 404, "Not Found"));
