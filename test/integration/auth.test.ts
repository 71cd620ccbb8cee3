import { describe, expect, it } from "vitest";
import { call, ORIGIN } from "./support/api";
import { signUp } from "./support/workspace";

describe("sign-up, log-in, log-out", () => {
  it("signs up with a first workspace and a working token and cookie", async () => {
    const res = await call("POST", "/api/v1/auth/signup", {
      body: { email: "Anna@Example.com ", password: "long enough pw", workspace_name: "Anna's shop" },
    });
    expect(res.status).toBe(201);
    expect(res.json).toEqual({ token: expect.any(String), user_id: expect.any(String), workspace_id: expect.any(String) });
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith("svyazka.session_token="));
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);

    const me = await call("GET", "/api/v1/me", { token: res.json.token });
    expect(me.status).toBe(200);
    expect(me.json.user.email).toBe("anna@example.com");
    expect(me.json.workspaces).toEqual([{ id: res.json.workspace_id, name: "Anna's shop", role: "owner" }]);

    const viaCookie = await call("GET", "/api/v1/me", { cookie: cookie!.split(";")[0] });
    expect(viaCookie.status).toBe(200);
  });

  it("logs in with the right password only", async () => {
    const user = await signUp("login");
    const ok = await call("POST", "/api/v1/auth/login", { body: { email: user.email, password: user.password } });
    expect(ok.status).toBe(200);
    expect(ok.json.workspaces).toEqual([{ id: user.workspaceId, name: "login workspace", role: "owner" }]);
    expect((await call("GET", "/api/v1/me", { token: ok.json.token })).status).toBe(200);

    const bad = await call("POST", "/api/v1/auth/login", { body: { email: user.email, password: "wrong password" } });
    expect(bad.status).toBe(401);
    expect(bad.json.error.code).toBe("unauthorized");
  });

  it("refuses a second account with the same email, naming the field", async () => {
    const user = await signUp("dup");
    const res = await call("POST", "/api/v1/auth/signup", { body: { email: user.email, password: "another password", workspace_name: "x" } });
    expect(res.status).toBe(409);
    expect(res.json.error).toMatchObject({ code: "conflict", path: "/email" });
  });

  it("logs out: the session token stops working", async () => {
    const user = await signUp("logout");
    expect((await call("POST", "/api/v1/auth/logout", { token: user.token })).status).toBe(204);
    const me = await call("GET", "/api/v1/me", { token: user.token });
    expect(me.status).toBe(401);
  });

  it("answers 401 without or with a made-up token", async () => {
    expect((await call("GET", "/api/v1/me")).status).toBe(401);
    const res = await call("GET", "/api/v1/me", { token: "not-a-real-token" });
    expect(res.status).toBe(401);
    expect(res.json.error.code).toBe("unauthorized");
  });

  it("refuses cookie-authenticated writes from another site (CSRF)", async () => {
    const user = await signUp("csrf");
    const foreign = await call("POST", "/api/v1/workspaces", {
      cookie: user.cookie,
      body: { name: "evil" },
      headers: { origin: "https://evil.example" },
    });
    expect(foreign.status).toBe(403);
    const same = await call("POST", "/api/v1/workspaces", { cookie: user.cookie, body: { name: "mine" }, headers: { origin: ORIGIN } });
    expect(same.status).toBe(201);
  });
});

describe("bad input", () => {
  it("names the missing field", async () => {
    const res = await call("POST", "/api/v1/auth/signup", { body: { email: "a@b.co", password: "long enough pw" } });
    expect(res.status).toBe(400);
    expect(res.json.error).toMatchObject({ code: "validation_failed", path: "/workspace_name", message: "workspace_name is required." });
  });

  it("names a field of the wrong type, and does not call it missing", async () => {
    const res = await call("POST", "/api/v1/auth/signup", { body: { email: "a@b.co", password: 12345678, workspace_name: "w" } });
    expect(res.status).toBe(400);
    expect(res.json.error).toMatchObject({ path: "/password", message: "password: Invalid input: expected string, received number" });
    const ru = await call("POST", "/api/v1/auth/signup", { body: { email: "a@b.co", password: 12345678, workspace_name: "w" }, headers: { "accept-language": "ru" } });
    expect(ru.json.error.message).toMatch(/^Поле «password»: .*[а-яё]/i);
    expect(ru.json.error.message).not.toMatch(/Нужно заполнить/);
  });

  it("rejects a bad email and a short password with their paths", async () => {
    const email = await call("POST", "/api/v1/auth/signup", { body: { email: "nope", password: "long enough pw", workspace_name: "w" } });
    expect(email.json.error.path).toBe("/email");
    const short = await call("POST", "/api/v1/auth/signup", { body: { email: "ok@b.co", password: "short", workspace_name: "w" } });
    expect(short.json.error).toMatchObject({ code: "validation_failed", path: "/password" });
  });

  it("answers invalid JSON with 400 invalid_json", async () => {
    const res = await call("POST", "/api/v1/auth/login", { rawBody: '{"email": "a@b.co", ' });
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe("invalid_json");
  });

  it("answers a body sent as another media type with a JSON 415 (found by the OpenAPI fuzz: it was plain text)", async () => {
    for (const type of ["text/plain", "application/x-www-form-urlencoded", "application/xml"]) {
      const res = await call("POST", "/api/v1/auth/login", { rawBody: JSON.stringify({ email: "media@b.co", password: "long enough pw" }), headers: { "content-type": type } });
      expect(res.status, type).toBe(415);
      expect(res.json.error, type).toMatchObject({ code: "unsupported_media_type", path: "" });
      expect(res.json.error.message).toMatch(/application\/json/);
    }
  });

  it("answers bodies over 1 MiB with 413", async () => {
    const res = await call("POST", "/api/v1/auth/login", { rawBody: JSON.stringify({ email: "a@b.co", password: "x".repeat(1024 * 1024 + 10) }) });
    expect(res.status).toBe(413);
    expect(res.json.error.code).toBe("payload_too_large");
  });

  it("answers unknown API paths with a JSON 404", async () => {
    const res = await call("GET", "/api/v1/nothing-here");
    expect(res.status).toBe(404);
    expect(res.json.error.code).toBe("not_found");
  });
});
