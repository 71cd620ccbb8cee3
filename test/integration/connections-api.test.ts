// Connections through the API: secrets are write-only and encrypted at rest, testing marks a
// connection active or inactive with the reason, and one in use cannot be deleted.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { call } from "./support/api";
import { createBundle, manualBundle } from "./support/bundles";
import { telegramConnection } from "./support/connections";
import { ECHOED_TOKEN_MARK } from "../fakes/telegram";
import { signUp } from "./support/workspace";

const TOKEN = "123456:TEST-token_abc";

describe("connections", () => {
  it("never return or store a secret in clear, and keep it when other fields change", async () => {
    const u = await signUp("conn");
    const created = await call("POST", `/api/v1/w/${u.workspaceId}/connections`, {
      token: u.token,
      body: { app: "telegram", name: "Alerts", fields: { bot_token: TOKEN, base_url: "http://telegram.fake" } },
    });
    expect(created.status).toBe(201);
    expect(created.text).not.toContain(TOKEN);
    expect(created.json).toMatchObject({ app: "telegram", name: "Alerts", status: "untested", secret_fields_set: ["bot_token"], fields: { base_url: "http://telegram.fake" } });
    const row = await env.DB.prepare("SELECT * FROM connection WHERE id = ?").bind(created.json.id).first();
    expect(JSON.stringify(row)).not.toContain(TOKEN);

    const renamed = await call("PATCH", `/api/v1/w/${u.workspaceId}/connections/${created.json.id}`, { token: u.token, body: { fields: { base_url: "http://telegram.fake/" } } });
    expect(renamed.json.secret_fields_set).toEqual(["bot_token"]);
    const tested = await call("POST", `/api/v1/w/${u.workspaceId}/connections/${created.json.id}/test`, { token: u.token });
    expect(tested.json).toEqual({ ok: true });
    expect((await call("GET", `/api/v1/w/${u.workspaceId}/connections/${created.json.id}`, { token: u.token })).json.status).toBe("active");
  });

  it("a failing test marks the connection inactive with the service's reason, secret-free", async () => {
    const u = await signUp("connbad");
    const bad = "999:WRONG-token";
    const created = await call("POST", `/api/v1/w/${u.workspaceId}/connections`, {
      token: u.token,
      body: { app: "telegram", name: "Wrong", fields: { bot_token: bad, base_url: "http://telegram.fake" } },
    });
    const tested = await call("POST", `/api/v1/w/${u.workspaceId}/connections/${created.json.id}/test`, { token: u.token });
    expect(tested.json.ok).toBe(false);
    expect(tested.json.error).toMatch(/unauthorized/i);
    expect(tested.text).not.toContain(bad);
    const got = await call("GET", `/api/v1/w/${u.workspaceId}/connections/${created.json.id}`, { token: u.token });
    expect(got.json).toMatchObject({ status: "inactive", status_reason: tested.json.error });
  });

  it("masks a secret the service repeats in its refusal, in the answer and in the stored reason", async () => {
    const u = await signUp("connecho");
    const bad = `998:${ECHOED_TOKEN_MARK}-token_xyz`; // the Telegram double repeats such a token in its 401
    const id = await telegramConnection(u, { botToken: bad });
    const tested = await call("POST", `/api/v1/w/${u.workspaceId}/connections/${id}/test`, { token: u.token, headers: { "accept-language": "ru" } });
    expect(tested.json.ok).toBe(false);
    expect(tested.json.error).toContain("no bot has the token ••••");
    expect(tested.text).not.toContain(bad);
    const got = await call("GET", `/api/v1/w/${u.workspaceId}/connections/${id}`, { token: u.token });
    expect(got.json.status_reason).toContain("no bot has the token ••••");
    expect(got.text).not.toContain(bad);
  });

  it("name the field that is wrong or missing, and refuse unknown apps", async () => {
    const u = await signUp("connval");
    const unknown = await call("POST", `/api/v1/w/${u.workspaceId}/connections`, { token: u.token, body: { app: "myspace", name: "x", fields: {} } });
    expect(unknown.json.error).toMatchObject({ code: "validation_failed", path: "/app" });
    const missing = await call("POST", `/api/v1/w/${u.workspaceId}/connections`, { token: u.token, body: { app: "keepincrm", name: "x", fields: {} } });
    expect(missing.status).toBe(400);
    expect(missing.json.error.path).toBe("/fields/api_key");
  });

  it("cannot be deleted while a bundle uses it", async () => {
    const u = await signUp("conndel");
    const connection = await telegramConnection(u, { name: "Alerts" });
    const bundleId = await createBundle(u, manualBundle({ name: "Uses it", steps: [{ id: "say", kind: "action", app: "telegram", action: "send_message", connection, input: { chat_id: "1", text: "hi" } }] }));
    const refused = await call("DELETE", `/api/v1/w/${u.workspaceId}/connections/${connection}`, { token: u.token });
    expect(refused.status).toBe(409);
    expect(refused.json.error.message).toContain("«Uses it»");
    await call("DELETE", `/api/v1/w/${u.workspaceId}/bundles/${bundleId}`, { token: u.token });
    expect((await call("DELETE", `/api/v1/w/${u.workspaceId}/connections/${connection}`, { token: u.token })).status).toBe(204);
  });

  it("a bundle may only use connections of its workspace and of the right app", async () => {
    const u = await signUp("connref");
    const tg = await telegramConnection(u);
    const res = await call("POST", `/api/v1/w/${u.workspaceId}/bundles`, {
      token: u.token,
      body: manualBundle({ name: "Wrong app", steps: [{ id: "find", kind: "action", app: "amocrm", action: "find_contact", connection: tg, input: { query: "x" } }] }),
    });
    expect(res.status).toBe(400);
    expect(res.json.error.path).toBe("/steps/0/connection");
  });
});

describe("the catalogue", () => {
  it("lists every app with labels in English and Russian and JSON Schemas", async () => {
    const res = await call("GET", "/api/v1/apps");
    const apps = res.json.apps as Array<{ app: string; label: { en: string; ru: string }; actions: Array<{ action: string; supports_dedup: boolean }> }>;
    expect(apps.map((a) => a.app)).toEqual(expect.arrayContaining(["webhook", "vk", "google_sheets", "amocrm", "keepincrm", "telegram", "gmail", "http", "manual", "schedule", "bundle"]));
    const amo = apps.find((a) => a.app === "amocrm")!;
    expect(amo.label.ru).toBeTruthy();
    expect(amo.actions.find((a) => a.action === "create_contact")?.supports_dedup).toBe(true);
  });
});
