// Workspace settings over the API: defaults for a workspace that never saved any, a PATCH
// changes only what it names, and a value out of range is refused at its field's path.
// (How the webhook door enforces hook_rate_per_second: security-rate-limits.test.ts.) The
// ledger split is the owner's, and only grows (how runs use it: ledger-shards.test.ts).
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { database } from "../../db/client";
import { DEFAULT_SETTINGS, getSettings, saveSettings } from "../../db/queries/settings";
import { openWorkspaceScope } from "../../db/queries/workspace-scope";
import { call } from "./support/api";
import { apiKey, patchSettings, signUp } from "./support/workspace";

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
    await patchSettings(u, { hook_rate_per_second: 40 });
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

describe("workspace settings: run ledgers (ledger_shards)", () => {
  it("is 1 until the owner raises it; it never goes down; the current value is not a change", async () => {
    const u = await signUp("shards");
    expect((await call("GET", settingsOf(u), { token: u.token })).json.ledger_shards).toBe(1);
    for (const n of [4, 4, 64]) expect((await call("PATCH", settingsOf(u), { token: u.token, body: { ledger_shards: n } })).json.ledger_shards).toBe(n);

    const lower = await call("PATCH", settingsOf(u), { token: u.token, body: { ledger_shards: 8 } });
    expect(lower.status).toBe(400);
    expect(lower.json.error).toMatchObject({ code: "validation_failed", path: "/ledger_shards" });
    expect(lower.json.error.message).toContain("can only grow (it is 64)");
    const ru = await call("PATCH", settingsOf(u), { token: u.token, body: { ledger_shards: 8 }, headers: { "accept-language": "ru" } });
    expect(ru.json.error.message).toContain("можно только увеличить");
    expect((await call("GET", settingsOf(u), { token: u.token })).json.ledger_shards).toBe(64);
  });

  it.each([0, 65, 2.5, "4", null])("refuses %j with 400 at /ledger_shards", async (value) => {
    const u = await signUp("shards-bad");
    const res = await call("PATCH", settingsOf(u), { token: u.token, body: { ledger_shards: value } });
    expect(res.status).toBe(400);
    expect(res.json.error).toMatchObject({ code: "validation_failed", path: "/ledger_shards" });
    expect(res.json.error.message).toMatch(/^ledger_shards: /);
  });

  it("an admin may save the form with the current count but not change it", async () => {
    const owner = await signUp("shards-admin");
    await patchSettings(owner, { ledger_shards: 2 });
    const admin = await apiKey(owner, "admin");
    const same = await call("PATCH", settingsOf(owner), { token: admin, body: { ledger_shards: 2, log_retention_days: 9 } });
    expect(same.json).toMatchObject({ ledger_shards: 2, log_retention_days: 9 });
    const raised = await call("PATCH", settingsOf(owner), { token: admin, body: { ledger_shards: 3 } });
    expect(raised.status).toBe(403);
    expect(raised.json.error.code).toBe("forbidden");
    expect((await call("GET", settingsOf(owner), { token: owner.token })).json.ledger_shards).toBe(2);
  });

  it("a save that read the old count does not lower a raised one", async () => {
    const u = await signUp("shards-race");
    await patchSettings(u, { ledger_shards: 3 });
    const scope = openWorkspaceScope(database(env), u.workspaceId);
    await saveSettings(scope, { ...DEFAULT_SETTINGS, ledgerShards: 1 });
    expect((await getSettings(scope)).ledgerShards).toBe(3);
  });
});
