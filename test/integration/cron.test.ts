import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { call } from "./support/api";
import { tick } from "./support/cron";
import { signUp } from "./support/workspace";

describe("the Cron Trigger", () => {
  it("records each tick, visible in /api/v1/health", async () => {
    await tick(Date.parse("2026-11-23T10:15:00Z"));
    const health = await call("GET", "/api/v1/health");
    expect(health.json).toEqual({ ok: true, last_cron_tick_at: "2026-11-23T10:15:00.000Z" });
  });

  it("clears expired sessions", async () => {
    const user = await signUp("cron");
    await env.DB.prepare("UPDATE session SET expires_at = ? WHERE user_id = ?").bind(Date.now() - 1000, user.userId).run();
    await tick(Date.now());
    const left = await env.DB.prepare("SELECT count(*) AS n FROM session WHERE user_id = ?").bind(user.userId).first<{ n: number }>();
    expect(left?.n).toBe(0);
    expect(exports.default).toBeDefined();
  });
});
