// Connecting amoCRM and Gmail with OAuth 2.0 (authorization code) through the real Worker and
// the doubles' consent pages: the state is single use, expires, belongs to the user who
// started, and a refusal from the service comes back to the dashboard as an oauth_error code
// (never the service's text, which goes to the log).
import { env, exports } from "cloudflare:workers";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { unique } from "./connectors/support";
import { call, ORIGIN } from "./support/api";
import { admin, AMOCRM } from "./support/fakes";
import { apiKey, signUp, type User } from "./support/workspace";

const GOOGLE = "http://oauth2.fake";
const CALLBACK = `${ORIGIN}/api/v1/oauth/callback`;

async function start(u: User, app: string, fields: Record<string, string>, name = "via OAuth") {
  return call("POST", `/api/v1/w/${u.workspaceId}/connections/oauth/start`, { cookie: u.cookie, headers: { origin: ORIGIN }, body: { app, name, fields } });
}

/** The user's browser at the service's consent page: where it is sent back to. */
async function consent(authorizeUrl: string): Promise<string> {
  const res = await fetch(authorizeUrl, { redirect: "manual" });
  expect(res.status).toBe(302);
  const back = new URL(res.headers.get("location")!);
  expect(`${back.origin}${back.pathname}`).toBe(CALLBACK);
  return back.pathname + back.search;
}

/** The browser coming back from the service (redirects not followed, as call() would). */
async function callback(path: string, cookie?: string) {
  const res = await exports.default.fetch(new Request(ORIGIN + path, { headers: cookie ? { cookie } : {}, redirect: "manual" }));
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, json: res.headers.get("content-type")?.includes("json") ? JSON.parse(text) : undefined };
}

const backTo = (res: { status: number; headers: Headers }) => {
  expect(res.status).toBe(302);
  return new URL(res.headers.get("location")!, ORIGIN);
};

async function connections(u: User) {
  return (await call("GET", `/api/v1/w/${u.workspaceId}/connections`, { token: u.token })).json.items as any[];
}

const amoFields = (account: string, secret = "test-secret") => ({ base_url: `http://${account}.amocrm.fake`, client_id: "test-client", client_secret: secret });

beforeEach(async () => {
  await admin(AMOCRM, "reset", {});
});

describe("OAuth connect: amoCRM", { timeout: 30_000 }, () => {
  it("stores an active connection whose tokens work, encrypted and never shown", async () => {
    const u = await signUp("oauth-amo");
    const account = `acct-${unique()}`;
    const started = await start(u, "amocrm", amoFields(account), "Sales amoCRM");
    expect(started.status).toBe(200);
    const authorize = new URL(started.json.authorize_url);
    expect(`${authorize.origin}${authorize.pathname}`).toBe(`http://${account}.amocrm.fake/oauth`);
    expect(authorize.searchParams.get("client_id")).toBe("test-client");
    expect(authorize.searchParams.get("mode")).toBe("post_message");
    expect(authorize.searchParams.get("state")).toMatch(/^[\w-]{43}$/);

    const done = await callback(await consent(started.json.authorize_url), u.cookie);
    const location = backTo(done);
    expect(location.pathname).toBe(`/w/${u.workspaceId}/connections`);
    const id = location.searchParams.get("connected");

    const got = await call("GET", `/api/v1/w/${u.workspaceId}/connections/${id}`, { token: u.token });
    expect(got.json).toMatchObject({ app: "amocrm", name: "Sales amoCRM", status: "active", status_reason: null });
    expect(got.json.secret_fields_set.sort()).toEqual(["access_token", "client_secret", "refresh_token"]);
    expect(got.json.fields).toMatchObject({ base_url: `http://${account}.amocrm.fake`, client_id: "test-client", redirect_uri: CALLBACK });
    expect(got.text).not.toMatch(/access-1|refresh-1|test-secret/);
    // The connection test called amoCRM with the new access token.
    const amo = await admin(AMOCRM, "state");
    expect(amo.requests["POST /oauth2/access_token"]).toBe(1);
    expect(amo.requests["GET /api/v4/account"]).toBe(1);
    const row = await env.DB.prepare("SELECT secrets FROM connection WHERE id = ?").bind(id).first<{ secrets: string }>();
    expect(row!.secrets).toMatch(/^v1\./);
    expect(row!.secrets).not.toContain("access-1");

    // The audit log says who connected it, like a connection created with its fields.
    const audit = await call("GET", `/api/v1/w/${u.workspaceId}/audit?target_type=connection`, { token: u.token });
    expect(audit.json.items).toEqual([
      expect.objectContaining({ action: "connection.created", actor: { kind: "user", id: u.userId, label: u.email }, target: { type: "connection", id }, detail: "amoCRM: Sales amoCRM (connected with OAuth)" }),
    ]);
    expect(audit.text).not.toMatch(/access-1|refresh-1|test-secret/);
  });

  it("refuses a state used twice: the second callback stores nothing", async () => {
    const u = await signUp("oauth-reuse");
    const started = await start(u, "amocrm", amoFields(`acct-${unique()}`));
    const back = await consent(started.json.authorize_url);
    expect(backTo(await callback(back, u.cookie)).searchParams.get("connected")).toBeTruthy();
    const again = backTo(await callback(back, u.cookie));
    expect(again.pathname).toBe(`/w/${u.workspaceId}/connections`);
    expect(Object.fromEntries(again.searchParams)).toEqual({ oauth_error: "used", app: "amocrm" });
    expect(await connections(u)).toHaveLength(1);
  });

  it("refuses an expired state (over 10 minutes) before trading the code", async () => {
    const u = await signUp("oauth-expired");
    const started = await start(u, "amocrm", amoFields(`acct-${unique()}`));
    const back = await consent(started.json.authorize_url);
    await env.DB.prepare("UPDATE oauth_state SET expires_at = ? WHERE user_id = ?").bind(Date.now() - 1000, u.userId).run();
    const location = backTo(await callback(back, u.cookie));
    expect(location.searchParams.get("oauth_error")).toBe("expired");
    expect((await admin(AMOCRM, "state")).requests["POST /oauth2/access_token"]).toBeUndefined();
    expect(await connections(u)).toHaveLength(0);
  });

  it("refuses another user's session, and without a session, and still lets the right user finish", async () => {
    const u = await signUp("oauth-owner");
    const other = await signUp("oauth-other");
    const started = await start(u, "amocrm", amoFields(`acct-${unique()}`));
    const back = await consent(started.json.authorize_url);

    const foreign = await callback(back, other.cookie);
    expect(foreign.status).toBe(403);
    expect(foreign.json.error.code).toBe("forbidden");
    const anonymous = await callback(back);
    expect(anonymous.status).toBe(401);
    // A Bearer session token is not the browser that started: only the cookie counts.
    expect((await call("GET", back, { token: u.token })).status).toBe(401);
    expect((await admin(AMOCRM, "state")).requests["POST /oauth2/access_token"]).toBeUndefined();
    expect(await connections(u)).toHaveLength(0);
    expect(await connections(other)).toHaveLength(0);

    expect(backTo(await callback(back, u.cookie)).searchParams.get("connected")).toBeTruthy();
  });

  it("tells the dashboard amoCRM refused the code exchange, as a code: the service's words go to the log without the secret", async () => {
    const u = await signUp("oauth-refused");
    const started = await start(u, "amocrm", amoFields(`acct-${unique()}`, "wrong-secret-value"));
    const logged: string[] = [];
    const spy = vi.spyOn(console, "warn").mockImplementation((...args: unknown[]) => void logged.push(args.join(" ")));
    const back = await consent(started.json.authorize_url);
    const location = backTo(await callback(back, u.cookie).finally(() => spy.mockRestore()));
    expect(location.pathname).toBe(`/w/${u.workspaceId}/connections`);
    expect(Object.fromEntries(location.searchParams)).toEqual({ oauth_error: "refused", app: "amocrm" });
    expect(logged.join("\n")).toMatch(/amoCRM refused the authorization \(HTTP 401: .*Client authentication failed/);
    expect(logged.join("\n")).not.toContain("wrong-secret-value");
    expect(await connections(u)).toHaveLength(0);
    expect((await call("GET", `/api/v1/w/${u.workspaceId}/audit?target_type=connection`, { token: u.token })).json.items).toEqual([]);
  });

  it("reports a denied consent as a code, whatever text the service sent", async () => {
    const u = await signUp("oauth-denied");
    await admin(AMOCRM, "knobs", { consent: "deny" });
    const started = await start(u, "amocrm", amoFields(`acct-${unique()}`));
    const location = backTo(await callback(await consent(started.json.authorize_url), u.cookie));
    expect(Object.fromEntries(location.searchParams)).toEqual({ oauth_error: "denied", app: "amocrm" });
    // A callback link with text of someone else's choosing puts none of it on our origin.
    await admin(AMOCRM, "knobs", { consent: "allow" });
    const again = await start(u, "amocrm", amoFields(`acct-${unique()}`));
    const crafted = (await consent(again.json.authorize_url)).replace(/code=[^&]+/, "error=access_denied&error_description=Call+us+at+evil.example");
    const shown = backTo(await callback(crafted, u.cookie));
    expect(Object.fromEntries(shown.searchParams)).toEqual({ oauth_error: "denied", app: "amocrm" });
    expect(await connections(u)).toHaveLength(0);
  });

  it("answers 400 for a state it never issued, and checks the fields before the redirect", async () => {
    const u = await signUp("oauth-bad");
    const unknown = await call("GET", "/api/v1/oauth/callback?code=x&state=forged", { cookie: u.cookie });
    expect(unknown.status).toBe(400);
    expect(unknown.json.error.path).toBe("/state");
    expect((await start(u, "amocrm", { client_id: "x" })).json.error).toMatchObject({ code: "validation_failed", path: "/fields/client_secret" });
    expect((await start(u, "amocrm", { ...amoFields("a"), refresh_token: "sneaky" })).json.error.path).toBe("/fields/refresh_token");
    expect((await start(u, "telegram", {})).json.error.path).toBe("/app");
    // Found by the OpenAPI fuzz: a base_url that is not a URL answered 500.
    for (const base_url of ["&Ⴥ𛉦", "ftp://x.amocrm.ru", "amocrm.fake"]) {
      const bad = await start(u, "amocrm", { ...amoFields("a"), base_url });
      expect(bad.status, base_url).toBe(400);
      expect(bad.json.error).toMatchObject({ code: "validation_failed", path: "/fields" });
    }
    const viaKey = await call("POST", `/api/v1/w/${u.workspaceId}/connections/oauth/start`, { token: await apiKey(u, "editor"), body: { app: "amocrm", name: "x", fields: amoFields("a") } });
    expect(viaKey.status).toBe(403);
  });

  it("lists the fields to fill before the redirect in the catalogue", async () => {
    const apps = (await call("GET", "/api/v1/apps")).json.apps as any[];
    const byApp = Object.fromEntries(apps.map((a) => [a.app, a]));
    expect(byApp.amocrm.oauth).toEqual({ fields: ["subdomain", "base_url", "client_id", "client_secret"] });
    expect(byApp.gmail.oauth.fields).toEqual(["client_id", "client_secret", "base_url", "token_url"]);
    expect(byApp.google_sheets.oauth.fields).toContain("spreadsheet_id");
    expect(byApp.telegram.oauth).toBeUndefined();
  });
});

describe("OAuth connect: Gmail", { timeout: 30_000 }, () => {
  it("trades Google's code for an access and a refresh token and stores an active connection", async () => {
    const u = await signUp("oauth-gmail");
    const client = await admin(GOOGLE, "client", { redirect_uri: CALLBACK });
    const started = await start(u, "gmail", { client_id: client.client_id, client_secret: client.client_secret, token_url: `${GOOGLE}/token`, base_url: "http://gmail.fake" });
    const authorize = new URL(started.json.authorize_url);
    expect(`${authorize.origin}${authorize.pathname}`).toBe(`${GOOGLE}/o/oauth2/v2/auth`);
    expect(Object.fromEntries(authorize.searchParams)).toMatchObject({
      redirect_uri: CALLBACK,
      response_type: "code",
      scope: "https://www.googleapis.com/auth/gmail.send",
      access_type: "offline",
      prompt: "consent",
    });
    const back = await consent(started.json.authorize_url);
    const id = backTo(await callback(back, u.cookie)).searchParams.get("connected");
    const got = await call("GET", `/api/v1/w/${u.workspaceId}/connections/${id}`, { token: u.token });
    expect(got.json.status).toBe("active");
    expect(got.json.secret_fields_set.sort()).toEqual(["access_token", "client_secret", "refresh_token"]);
    expect(Number(got.json.fields.expires_at)).toBeGreaterThan(Date.now() / 1000);
    // Google's codes work once too.
    expect(backTo(await callback(back, u.cookie)).searchParams.get("oauth_error")).toBe("used");
  });
});
