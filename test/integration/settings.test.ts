// Workspace settings over the API: defaults for a workspace that never saved any, a PATCH
// changes only what it names, and a value out of range is refused at its field's path.
// The webhook door learns the workspace's deliveries per second per URL with its bundle.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { database } from "../../db/client";
import { findWebhookTarget } from "../../db/queries/bundles";
import { call, signUp } from "./support/api";
import { createBundle } from "./support/runs";

const settingsOf = (u: { workspaceId: string }) => `/api/v1/w/${u.workspaceId}/settings`;

describe("workspace settings: webhook deliveries per second per URL", () => {
  it("is 100 until changed; a PATCH round-trips it and other PATCHes keep it", async () => {
    const u = await signUp("hook-rate");
    expect((await call("GET", settingsOf(u), { token: u.token })).json.hook_rate_per_second).toBe(100);

    const saved = await call("PATCH", settingsOf(u), { token: u.token, body: { hook_rate_per_second: 250 } });
    expect(saved.status).toBe(200);
    expect(saved.json).toMatchObject({ hook_rate_per_second: 250, log_retention_days: 30, timezone: "Europe/Moscow" });
    expect((await call("GET", settingsOf(u), { token: u.token })).json.hook_rate_per_second).toBe(250);

    await call("PATCH", settingsOf(u), { token: u.token, body: { log_retention_days: 7 } });
    expect((await call("GET", settingsOf(u), { token: u.token })).json).toMatchObject({ hook_rate_per_second: 250, log_retention_days: 7 });

    for (const edge of [1, 1000]) {
      expect((await call("PATCH", settingsOf(u), { token: u.token, body: { hook_rate_per_second: edge } })).json.hook_rate_per_second).toBe(edge);
    }
  });

  it.each([0, 1001, -5, 2.5, "100", null])("refuses %j with 400 at /hook_rate_per_second, in English and Russian, and keeps the old value", async (value) => {
    const u = await signUp("hook-rate-bad");
    await call("PATCH", settingsOf(u), { token: u.token, body: { hook_rate_per_second: 40 } });
    const body = { hook_rate_per_second: value };
    const en = await call("PATCH", settingsOf(u), { token: u.token, body });
    expect(en.status).toBe(400);
    expect(en.json.error).toMatchObject({ code: "validation_failed", path: "/hook_rate_per_second" });
    expect(en.json.error.message).toMatch(/^hook_rate_per_second: /);
    const ru = await call("PATCH", settingsOf(u), { token: u.token, body, headers: { "accept-language": "ru" } });
    expect(ru.json.error).toMatchObject({ code: "validation_failed", path: "/hook_rate_per_second" });
    expect(ru.json.error.message).toMatch(/^Поле «hook_rate_per_second»: .*[а-яё]/i);
    expect((await call("GET", settingsOf(u), { token: u.token })).json.hook_rate_per_second).toBe(40);
  });

  it("is handed to the webhook door with the bundle its URL points to", async () => {
    const u = await signUp("hook-rate-door");
    const id = await createBundle(u.token, u.workspaceId, {
      format: "bundle/1",
      name: "Catch",
      trigger: { id: "hook", app: "webhook", event: "catch" },
      steps: [{ id: "done", kind: "stop", reason: "caught" }],
    });
    const url = (await call("GET", `/api/v1/w/${u.workspaceId}/bundles/${id}`, { token: u.token })).json.webhook_url as string;
    const token = new URL(url).pathname.split("/").pop()!;
    const db = database(env);

    // no settings row yet: the default
    const before = await findWebhookTarget(db, token, new Date());
    expect(before).toMatchObject({ bundle: { id }, runsThisMonth: 0, quota: undefined, hookRatePerSecond: 100 });

    await call("PATCH", settingsOf(u), { token: u.token, body: { hook_rate_per_second: 7 } });
    expect((await findWebhookTarget(db, token, new Date()))?.hookRatePerSecond).toBe(7);
    expect(await findWebhookTarget(db, "0".repeat(48), new Date())).toBeUndefined();
  });
});
