// Workspace settings over the API: defaults for a workspace that never saved any, a PATCH
// changes only what it names, and a value out of range is refused at its field's path.
// (How the webhook door enforces hook_rate_per_second: security-rate-limits.test.ts.)
import { describe, expect, it } from "vitest";
import { call, signUp } from "./support/api";

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
});
