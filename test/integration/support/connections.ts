// Connections to the doubles (test/fakes/), made through the API: each answers the new
// connection's id. The defaults are credentials the doubles accept.
import { FAKE_BOT_TOKEN } from "../../fakes/telegram";
import { call } from "./api";
import { AMOCRM, TELEGRAM } from "./fakes";
import type { Caller } from "./workspace";

export async function createConnection(u: Caller, app: string, name: string, fields: Record<string, unknown>): Promise<string> {
  const res = await call("POST", `/api/v1/w/${u.workspaceId}/connections`, { token: u.token, body: { app, name, fields } });
  if (res.status !== 201) throw new Error(`${app} connection not created: ${res.status} ${res.text}`);
  return res.json.id;
}

/** A bot at the Telegram double; `botToken` one it rejects makes every call fail. */
export function telegramConnection(u: Caller, { name = "bot", botToken = FAKE_BOT_TOKEN } = {}) {
  return createConnection(u, "telegram", name, { bot_token: botToken, base_url: TELEGRAM });
}

/** An account at the amoCRM double; an `accessToken` it does not know makes every call fail with 401. */
export function amocrmConnection(u: Caller, { name = "amo", accessToken = "test-token" } = {}) {
  return createConnection(u, "amocrm", name, { base_url: AMOCRM, access_token: accessToken });
}

/** A VK community whose Callback API deliveries carry `secretKey`. */
export function vkConnection(u: Caller, { name = "Group", groupId = "555", confirmationCode = "conf-42", secretKey = "vk-s3cret" } = {}) {
  return createConnection(u, "vk", name, { group_id: groupId, confirmation_code: confirmationCode, secret_key: secretKey });
}
