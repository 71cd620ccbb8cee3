// Request limits on the public doors (issue 9, decision 0014): log-in per account and address
// and per address, sign-up per address, each webhook URL on its own (at its workspace's rate), share-token lookups
// per address. Over the limit: 429 `rate_limited` with Retry-After, and nothing is done.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { freshAddress as address, fromAddress as from } from "./support/addresses";
import { call } from "./support/api";
import { createBundle, enableWebhook, webhookBundle } from "./support/bundles";
import { roomInWindow } from "./support/rate-window";
import { runsOf } from "./support/runs";
import { patchSettings, signUp } from "./support/workspace";

/** The response the OpenAPI document promises for this path and status. */
async function documented(path: string, status: number) {
  return (await call("GET", "/api/v1/openapi.json")).json.paths[path].post.responses[String(status)];
}


describe("log-in", () => {
  it("allows 10 attempts a minute per account and address, then 429 with Retry-After; the owner elsewhere still gets in", { timeout: 30_000 }, async () => {
    const u = await signUp("login-limit");
    const attacker = address();
    await roomInWindow(60_000, 15_000);
    for (let i = 0; i < 10; i++) {
      const res = await call("POST", "/api/v1/auth/login", { headers: from(attacker), body: { email: u.email, password: "wrong password" } });
      expect(res.status).toBe(401);
    }
    const limited = await call("POST", "/api/v1/auth/login", { headers: from(attacker), body: { email: ` ${u.email.toUpperCase()}`, password: u.password } });
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("60");
    expect(limited.json.error).toMatchObject({ code: "rate_limited", message: "Too many log-in attempts. Wait a minute, then try again." });
    expect(limited.headers.getSetCookie()).toEqual([]);
    expect(Object.keys((await documented("/auth/login", 429)).headers)).toEqual(["Retry-After"]);

    // The guesses were counted for the attacker's address only: the owner, from theirs, logs in.
    const owner = await call("POST", "/api/v1/auth/login", { headers: from(), body: { email: u.email, password: u.password } });
    expect(owner.status).toBe(200);
  });

  it("allows 30 attempts a minute per address over all accounts, then 429 for any account from there", { timeout: 30_000 }, async () => {
    const ip = address();
    const other = await signUp("login-spread");
    await roomInWindow(60_000, 15_000);
    for (let i = 0; i < 30; i++) {
      const res = await call("POST", "/api/v1/auth/login", { headers: from(ip), body: { email: `nobody-${i}-${crypto.randomUUID().slice(0, 6)}@example.com`, password: "guess" } });
      expect(res.status).toBe(401);
    }
    const limited = await call("POST", "/api/v1/auth/login", { headers: from(ip), body: { email: other.email, password: other.password } });
    expect(limited.status).toBe(429);
    expect(limited.json.error.code).toBe("rate_limited");
    expect((await call("POST", "/api/v1/auth/login", { headers: from(), body: { email: other.email, password: other.password } })).status).toBe(200);
  });
});

describe("sign-up", () => {
  it("allows 5 a minute per address, then 429 without creating the account", { timeout: 30_000 }, async () => {
    const ip = address();
    const tag = crypto.randomUUID().slice(0, 8);
    await roomInWindow(60_000, 15_000);
    const body = (i: number) => ({ email: `limit-${tag}-${i}@example.com`, password: "correct horse battery", workspace_name: "w" });
    for (let i = 0; i < 5; i++) expect((await call("POST", "/api/v1/auth/signup", { headers: from(ip), body: body(i) })).status).toBe(201);
    const limited = await call("POST", "/api/v1/auth/signup", { headers: from(ip), body: body(5) });
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("60");
    expect(limited.json.error.code).toBe("rate_limited");
    expect(Object.keys((await documented("/auth/signup", 429)).headers)).toEqual(["Retry-After"]);
    const row = await env.DB.prepare("SELECT count(*) AS n FROM user WHERE email = ?").bind(`limit-${tag}-5@example.com`).first<{ n: number }>();
    expect(row?.n).toBe(0);
    expect((await call("POST", "/api/v1/auth/signup", { headers: from(), body: body(6) })).status).toBe(201);
  });

  it("does not limit the loopback address of a local `npm start`", async () => {
    const tag = crypto.randomUUID().slice(0, 8);
    for (let i = 0; i < 6; i++) {
      const body = { email: `local-${tag}-${i}@example.com`, password: "correct horse battery", workspace_name: "w" };
      expect((await call("POST", "/api/v1/auth/signup", { headers: from(i % 2 ? "127.0.0.1" : "::1"), body })).status).toBe(201);
    }
  });
});

describe("public webhook URLs", () => {
  it("take the workspace's rate per URL with 30 s of burst, then 429 with Retry-After storing nothing; other URLs are not affected", { timeout: 30_000 }, async () => {
    const u = await signUp("hook-limit");
    await patchSettings(u, { hook_rate_per_second: 1 });
    const hook = async () => {
      const id = await createBundle(u, webhookBundle({ steps: [{ id: "s", kind: "stop" }] }));
      return { id, url: await enableWebhook(u, id) };
    };
    const [busy, quiet] = [await hook(), await hook()];
    // The bucket refills at 1 a second while the burst is answered: on a busy machine the burst
    // takes seconds, so the count allowed past the 30 grows with that time, never beyond it.
    const burst = (n: number, from: number) => Promise.all(Array.from({ length: n }, (_, i) => call("POST", busy.url, { rawBody: JSON.stringify({ i: from + i }) })));
    const started = Date.now();
    const first = await burst(31, 0);
    const again = await burst(10, 31);
    const seconds = (Date.now() - started) / 1000;
    const accepted = [...first, ...again].filter((r) => r.status === 200).length;
    expect(accepted).toBeGreaterThanOrEqual(30);
    expect(accepted).toBeLessThanOrEqual(30 + Math.ceil(seconds));
    const limited = [...first, ...again].find((r) => r.status === 429)!;
    expect(limited, `41 deliveries in ${seconds} s, none refused`).toBeDefined();
    expect(limited.headers.get("retry-after")).toBe("1");
    expect(limited.json.error).toMatchObject({ code: "rate_limited" });
    expect(limited.json.error.message).toContain("nothing was stored");
    // Only what was accepted was stored.
    expect(await runsOf(u, busy.id)).toHaveLength(accepted);
    expect((await call("POST", quiet.url, { rawBody: "{}" })).status).toBe(200);
  });
});

describe("share-token lookups", () => {
  it("allow 60 a minute per address across the share page, the embed page and copying, then 429 with Retry-After 60", { timeout: 30_000 }, async () => {
    const u = await signUp("share-limit");
    const ip = address();
    const guess = "C".repeat(32);
    await roomInWindow(60_000, 15_000);
    for (let i = 0; i < 58; i++) expect((await call("GET", `/api/v1/shares/${guess}`, { headers: from(ip) })).status).toBe(404);
    // The embed page and "use" count against the same address.
    expect((await call("GET", `/embed/${guess}`, { headers: from(ip) })).status).not.toBe(429);
    const use = () => call("POST", `/api/v1/w/${u.workspaceId}/shares/use`, { token: u.token, headers: from(ip), body: { token: guess, connections: {} } });
    expect((await use()).status).toBe(404);
    const limited = await use();
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("60");
    expect(limited.json.error).toMatchObject({ code: "rate_limited", message: "Too many share link lookups from your address. Wait a minute and try again." });
    expect((await call("GET", `/embed/${guess}`, { headers: from(ip) })).status).toBe(429);
    expect((await call("GET", `/api/v1/shares/${guess}`, { headers: from() })).status).toBe(404);
  });
});
