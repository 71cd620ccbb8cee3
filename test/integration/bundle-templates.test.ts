// The templates gallery over the API: listed in the request's language; a bundle made from one
// with this workspace's connections (disabled, the placeholders replaced), and the refusals —
// an unknown template, a connection not chosen, another workspace's or another app's connection.
import { beforeAll, describe, expect, it } from "vitest";
import { call } from "./support/api";
import { enableWebhook } from "./support/bundles";
import { createConnection, telegramConnection } from "./support/connections";
import { sentTo } from "./support/fakes";
import { firstRunOf, waitForRun } from "./support/runs";
import { signUp, signUpMember, type User } from "./support/workspace";

const fromTemplate = (u: User, body: unknown, headers: Record<string, string> = {}) =>
  call("POST", `/api/v1/w/${u.workspaceId}/bundles/from-template`, { token: u.token, body, headers });

describe("GET /templates", () => {
  it("lists the templates with their connections, in English by default and in Russian when asked", async () => {
    const en = await call("GET", "/api/v1/templates");
    expect(en.status).toBe(200);
    const hook = en.json.items.find((t: { id: string }) => t.id === "webhook-telegram-message");
    expect(hook).toMatchObject({ title: "Webhook → Telegram message", apps: ["webhook", "telegram"], connections: [{ placeholder: "telegram", app: "telegram" }] });
    expect(hook.document).toMatchObject({ format: "bundle/1", name: "Webhook → Telegram message" });
    expect(en.json.items.map((t: { id: string }) => t.id)).toEqual(expect.arrayContaining(["vk-lead-amocrm-contact", "sheets-rows-keepincrm-order"]));

    const ru = await call("GET", "/api/v1/templates", { headers: { "accept-language": "ru-RU,ru;q=0.9" } });
    const hookRu = ru.json.items.find((t: { id: string }) => t.id === "webhook-telegram-message");
    expect(hookRu.title).toBe("Вебхук → сообщение в Telegram");
    expect(hookRu.document.name).toBe("Вебхук → сообщение в Telegram");
  });
});

describe("POST /w/{ws}/bundles/from-template", () => {
  let owner: User;
  let bot: string;

  beforeAll(async () => {
    owner = await signUp("tpl");
    bot = await telegramConnection(owner, { name: "Alerts bot" });
  });

  it("creates a disabled bundle with the chosen connection, which runs when a webhook delivery arrives", async () => {
    const res = await fromTemplate(owner, { template: "webhook-telegram-message", connections: { telegram: bot } });
    expect(res.status, res.text).toBe(201);
    const bundle = await call("GET", `/api/v1/w/${owner.workspaceId}/bundles/${res.json.id}`, { token: owner.token });
    expect(bundle.json).toMatchObject({ enabled: false, version: 1, name: "Webhook → Telegram message" });
    expect(bundle.json.document.steps[0].connection).toBe(bot);

    // The template leaves the chat to the user (or to the chat linked to the bot): they set it in the editor.
    const document = bundle.json.document;
    document.steps[0].input.chat_id = "4242";
    expect((await call("PUT", `/api/v1/w/${owner.workspaceId}/bundles/${res.json.id}`, { token: owner.token, body: document })).status).toBe(200);
    const hookPath = await enableWebhook(owner, res.json.id);
    const delivered = await call("POST", hookPath, { body: { name: "Анна", phone: "+7 900 000-00-00", message: "Call me" } });
    expect(delivered.status).toBe(200);
    const run = await waitForRun(owner, await firstRunOf(owner, res.json.id));
    expect(run.status).toBe("success");
    expect(await sentTo("4242")).toContainEqual(expect.stringContaining("Name: Анна"));
  });

  it("answers 404 naming the template field for an unknown template, in the request's language", async () => {
    const res = await fromTemplate(owner, { template: "no-such-template", connections: {} });
    expect(res.status).toBe(404);
    expect(res.json.error).toMatchObject({ code: "not_found", path: "/template" });
    expect(res.json.error.message).toContain("no-such-template");
    const ru = await fromTemplate(owner, { template: "no-such-template" }, { "accept-language": "ru" });
    expect(ru.json.error.message).toContain("Нет шаблона");
  });

  it("answers 400 naming the template field when none is given", async () => {
    const res = await fromTemplate(owner, { connections: {} });
    expect(res.status).toBe(400);
    expect(res.json.error.path).toBe("/template");
  });

  it("answers 400 naming the placeholder whose connection was not chosen", async () => {
    const res = await fromTemplate(owner, { template: "sheets-rows-keepincrm-order", connections: { tg_alerts: bot } });
    expect(res.status).toBe(400);
    expect(res.json.error.path).toBe("/connections/sheets");
    expect(res.json.error.message).toContain('"sheets", "keepin"');
    const ru = await fromTemplate(owner, { template: "sheets-rows-keepincrm-order", connections: {} }, { "accept-language": "ru" });
    expect(ru.json.error.message).toContain("Выберите подключение");
  });

  it("refuses a connection of another workspace, and one of another app", async () => {
    const stranger = await signUp("tpl-other");
    const theirs = await telegramConnection(stranger, { name: "Their bot" });
    const foreign = await fromTemplate(owner, { template: "webhook-telegram-message", connections: { telegram: theirs } });
    expect(foreign.status).toBe(400);
    expect(foreign.json.error.path).toBe("/steps/0/connection");
    expect(foreign.text).not.toContain("Their bot");

    const vk = await createConnection(owner, "vk", "Group", { group_id: "1", confirmation_code: "c", secret_key: "s" });
    const wrongApp = await fromTemplate(owner, { template: "webhook-telegram-message", connections: { telegram: vk } });
    expect(wrongApp.status).toBe(400);
    expect(wrongApp.json.error.path).toBe("/steps/0/connection");
  });

  it("is for editors: a viewer is refused", async () => {
    const viewer = await signUpMember(owner, "viewer", "tpl-viewer");
    const res = await call("POST", `/api/v1/w/${owner.workspaceId}/bundles/from-template`, { token: viewer.token, body: { template: "webhook-telegram-message", connections: { telegram: bot } } });
    expect(res.status).toBe(403);
  });
});
