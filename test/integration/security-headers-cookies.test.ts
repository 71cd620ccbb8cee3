// Cookies, CSRF and response headers of the Worker (issue 9). Session cookies are HttpOnly,
// SameSite=Lax, and Secure (with the __Secure- prefix) when the site is https; a write with the
// session cookie must come from our own origin; Bearer tokens are not sent by browsers on
// their own, so they need no Origin. API answers forbid framing and loading anything.
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import worker from "../../worker/index";
import { call, ORIGIN } from "./support/api";
import { signUp } from "./support/workspace";

async function signupAt(origin: string) {
  const body = JSON.stringify({ email: `cookie-${crypto.randomUUID().slice(0, 8)}@example.com`, password: "correct horse battery", workspace_name: "c" });
  const ctx = createExecutionContext();
  const res = await worker.fetch(new Request(`${origin}/api/v1/auth/signup`, { method: "POST", headers: { "content-type": "application/json" }, body }), { ...env, PUBLIC_URL: origin }, ctx);
  await waitOnExecutionContext(ctx);
  expect(res.status).toBe(201);
  return res.headers.getSetCookie();
}

const attributes = (cookie: string) => cookie.split(";").slice(1).map((a) => a.trim().toLowerCase());

describe("session cookies", () => {
  it("on https: __Secure- prefixed, Secure, HttpOnly, SameSite=Lax, Path=/", async () => {
    const cookies = await signupAt("https://svyazka.example");
    const session = cookies.find((c) => c.includes("session_token"));
    expect(session).toMatch(/^__Secure-svyazka\.session_token=/);
    expect(attributes(session!)).toEqual(expect.arrayContaining(["secure", "httponly", "samesite=lax", "path=/"]));
  });

  it("on plain http (local): HttpOnly and SameSite=Lax, not Secure (the site is not https)", async () => {
    const cookies = await signupAt("http://localhost:8787");
    const session = cookies.find((c) => c.includes("session_token"));
    expect(session).toMatch(/^svyazka\.session_token=/);
    expect(attributes(session!)).toEqual(expect.arrayContaining(["httponly", "samesite=lax", "path=/"]));
    expect(attributes(session!)).not.toContain("secure");
  });
});

describe("CSRF", () => {
  it("a cookie-authenticated write from another origin, or with no Origin, is refused and changes nothing", async () => {
    const u = await signUp("csrf2");
    const settings = `/api/v1/w/${u.workspaceId}/settings`;
    const before = (await call("GET", settings, { cookie: u.cookie })).json;
    for (const headers of [{ origin: "https://evil.example" }, { origin: "null" }, {}] as Array<Record<string, string>>) {
      const res = await call("PATCH", settings, { cookie: u.cookie, body: { log_retention_days: 1 }, headers });
      expect(res.status).toBe(403);
      expect(res.json.error.message).toContain("Cross-site request refused");
    }
    expect((await call("GET", settings, { cookie: u.cookie })).json).toEqual(before);
    expect((await call("PATCH", settings, { cookie: u.cookie, body: { log_retention_days: 7 }, headers: { origin: ORIGIN } })).status).toBe(200);
  });

  it("a Bearer token works without Origin (browsers never attach it on their own)", async () => {
    const u = await signUp("csrf-bearer");
    expect((await call("PATCH", `/api/v1/w/${u.workspaceId}/settings`, { token: u.token, body: { log_retention_days: 7 } })).status).toBe(200);
  });
});

describe("response headers of the Worker", () => {
  it.each([
    ["an API answer", "/api/v1/health"],
    ["an API error", "/api/v1/nope"],
    ["a webhook answer", "/hooks/unknown"],
  ])("%s forbids framing, sniffing and loading anything", async (_, path) => {
    const res = await call("GET", path);
    expect(res.headers.get("content-security-policy")).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
  });
});
