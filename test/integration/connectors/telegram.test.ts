// Telegram's send_message against the Bot API double (test/fakes/telegram.ts) through the
// real HTTP client and the global fetch.
import { describe, expect, it } from "vitest";
import { telegram } from "../../../worker/connectors/telegram";
import { connectorError, harness, unique } from "./support";
import { admin } from "../support/fakes";

const ORIGIN = "http://telegram.fake";
const connection = { bot_token: "123456:TEST-token_abc", base_url: ORIGIN };
const send = telegram.actions.send_message;
const chat = () => String(Math.floor(Math.random() * 1e9) + 1e9);
const sentTo = async (chatId: string) => ((await admin(ORIGIN, "state")).messages as Array<{ chat_id: string; text: string }>).filter((m) => m.chat_id === chatId);

describe("telegram send_message", () => {
  it("sends a message and returns its id", async () => {
    const t = harness(connection);
    const chatId = chat();
    const out = await t.run(send, { chat_id: chatId, text: "Новая заявка", parse_mode: "HTML" });
    expect(out).toMatchObject({ message_id: expect.any(Number), message_ids: [out.message_id], parts: 1 });
    expect((await sentTo(chatId)).map((m) => m.text)).toEqual(["Новая заявка"]);
  });

  it("splits text over 4096 characters into several messages at line breaks, losing nothing", async () => {
    const t = harness(connection);
    const chatId = chat();
    const lines = Array.from({ length: 100 }, (_, i) => `Строка ${i}: ${"данные ".repeat(8)}`);
    const text = lines.join("\n");
    expect(text.length).toBeGreaterThan(4096);
    const out = await t.run(send, { chat_id: chatId, text });
    const received = await sentTo(chatId);
    expect(out.parts).toBe(2);
    expect(received).toHaveLength(2);
    expect(received.every((m) => m.text.length <= 4096)).toBe(true);
    expect(received.map((m) => m.text).join("\n")).toBe(text);
    expect(received[1].text.startsWith("Строка ")).toBe(true);
  });

  it("honours a short retry_after inside the call, and hands a long one to the engine as transient", async () => {
    const t = harness(connection);
    await admin(ORIGIN, "knobs", { rateLimit: { times: 1, retryAfter: 1 } });
    expect((await t.run(send, { chat_id: chat(), text: "after a second" })).parts).toBe(1);
    expect(t.log.some((l) => l.startsWith("waiting 1 s as Telegram asked"))).toBe(true);

    await admin(ORIGIN, "knobs", { rateLimit: { times: 1, retryAfter: 30 } });
    const err = await connectorError(t.run(send, { chat_id: chat(), text: "later" }));
    expect(err.options).toMatchObject({ transient: true, retryAfterSeconds: 30, status: 429 });
    await admin(ORIGIN, "knobs", { rateLimit: { times: 0, retryAfter: 0 } });
  });

  it("reports Telegram's own words for a blocked bot or an unknown chat, as permanent failures", async () => {
    const t = harness(connection);
    const blocked = await connectorError(t.run(send, { chat_id: "403", text: "hi" }));
    expect(blocked.message).toBe("Telegram refused: Forbidden: bot was blocked by the user");
    expect(blocked.options).toMatchObject({ status: 403, code: "forbidden" });
    expect(blocked.options.transient).toBeFalsy();
    const unknown = await connectorError(t.run(send, { chat_id: "404", text: "hi" }));
    expect(unknown.message).toBe("Telegram refused: Bad Request: chat not found");
  });

  it("keeps the bot token out of the log", async () => {
    const t = harness(connection);
    await t.run(send, { chat_id: chat(), text: unique() });
    expect(t.log.join("\n")).not.toContain("TEST-token_abc");
    expect(t.log[0]).toMatch(/^POST http:\/\/telegram\.fake\/bot••••\/sendMessage → 200 in \d+ ms$/);
  });
});

describe("telegram connection test", () => {
  it("passes with a valid token (getMe) and explains a wrong one", async () => {
    const ok = harness(connection);
    await telegram.connection!.test({ connection, http: ok.http, store: ok.store });
    const bad = { ...connection, bot_token: "999:wrong" };
    const err = await connectorError(telegram.connection!.test({ connection: bad, http: ok.http, store: ok.store }));
    expect(err.message).toMatch(/^Telegram rejected the bot token \(Unauthorized\)/);
    expect(err.options.code).toBe("auth_failed");
  });
});
