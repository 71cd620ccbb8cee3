// Share links (issue 8): created by editors, shown once, stored hashed; the public JSON is a
// sanitised snapshot (no connection ids, no secrets); dead links answer 404/410; the embed
// page may be framed by the sites the link allows; a shared bundle copies into another
// workspace with that workspace's connections; lookups are capped per IP.
import { createExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import app from "../../worker/app";
import { sha256Hex } from "../../worker/bytes/sha256";
import { fromAddress } from "./support/addresses";
import { call, ORIGIN } from "./support/api";
import { createBundle, enableBundle, manualBundle } from "./support/bundles";
import { telegramConnection } from "./support/connections";
import { ledgerSql } from "./support/ledger";
import { roomInWindow } from "./support/rate-window";
import { runBundle } from "./support/runs";
import { signUp, signUpMember, type User } from "./support/workspace";

const BOT_TOKEN = "424242:SECRET-bot-token_value";
const URL_KEY = "URLKEY-literal-123";
const HEADER_SECRET = "HEADER-literal-456";
const BODY_PASSWORD = "BODY-literal-789";
const SLACK_PATH_SECRET = "AbCdEf1234567890GhIjKlMn";
const SHEET_ID = "1BxiMVs0XRA5nFMdKvBdBZjgmUUqptlbs74OgvE2upms";
// Words with spaces, so only their keys say they are secret (not their look).
const BODY_SESSION = "session of the day 42";
const BODY_SIGNATURE = "signed by the form 77";
const SECRETS = [BOT_TOKEN, URL_KEY, HEADER_SECRET, BODY_PASSWORD, BODY_SESSION, BODY_SIGNATURE, SLACK_PATH_SECRET, SHEET_ID];


/** A Telegram connection holding BOT_TOKEN, which no share may show. */
const botConnection = (u: User, name = "Alerts") => telegramConnection(u, { name, botToken: BOT_TOKEN });

/** A bundle with every kind of secret the sanitiser must remove, and a connection. */
function secretiveBundle(connectionId: string) {
  return manualBundle({
    name: "Leads to Telegram",
    sample: { phone: "+79120000000" },
    steps: [
      {
        id: "call_api",
        kind: "action",
        app: "http",
        action: "request",
        input: {
          method: "POST",
          url: `https://api.example.com/v1/leads?api_key=${URL_KEY}&page=1`,
          headers: { Authorization: `Bearer ${HEADER_SECRET}`, "Content-Type": "application/json" },
          body: { password: BODY_PASSWORD, session: BODY_SESSION, signature: BODY_SIGNATURE, phone: "{{start.phone}}", sheet: SHEET_ID, source: "lead_source_website_2024" },
          continue_on_error_status: false,
        },
      },
      {
        id: "check",
        kind: "if",
        when: { left: "{{call_api.status}}", op: "eq", right: "200" },
        then: [
          {
            id: "notify",
            kind: "action",
            app: "telegram",
            action: "send_message",
            connection: connectionId,
            input: { chat_id: "-100123", text: `New lead {{start.phone}} (bot ${BOT_TOKEN})` },
          },
        ],
      },
      {
        id: "post_slack",
        kind: "action",
        app: "http",
        action: "request",
        input: { method: "POST", url: `https://hooks.slack.com/services/T0ABC1234/B0ABC5678/${SLACK_PATH_SECRET}`, continue_on_error_status: false },
      },
    ],
  });
}

async function share(u: User, bundleId: string, body: unknown = {}) {
  const res = await call("POST", `/api/v1/w/${u.workspaceId}/bundles/${bundleId}/shares`, { token: u.token, body });
  if (res.status !== 201) throw new Error(`share not created: ${res.status} ${res.text}`);
  return res.json as { id: string; token: string; url: string; embed_url: string; iframe_snippet: string; expires_at: string | null; created_at: string };
}

const readShare = (token: string, headers = fromAddress()) => call("GET", `/api/v1/shares/${token}`, { headers });

/** The Worker with a built dashboard behind ASSETS (tests run without web/build). */
const SPA_HTML = "<!doctype html><html><body><div id=svelte>dashboard</div></body></html>";
async function fetchEmbed(token: string) {
  const assets = { fetch: async () => new Response(SPA_HTML, { headers: { "content-type": "text/html" } }) } as unknown as Fetcher;
  const req = new Request(`${ORIGIN}/embed/${token}`, { headers: fromAddress() });
  const res = await app.fetch(req, { ...env, ASSETS: assets }, createExecutionContext());
  return { status: res.status, headers: res.headers, text: await res.text() };
}

describe("share links", () => {
  it("are created by editors, listed with a prefix only, and die when revoked", async () => {
    const u = await signUp("share");
    const bundleId = await createBundle(u, manualBundle({ name: "Shared one" }));
    const created = await share(u, bundleId);
    expect(created.url).toBe(`http://localhost/s/${created.token}`);
    expect(created.embed_url).toBe(`http://localhost/embed/${created.token}`);
    expect(created.iframe_snippet).toBe(
      `<iframe src="http://localhost/embed/${created.token}" title="Shared one" width="100%" height="480" style="border:0" loading="lazy"></iframe>`,
    );
    expect(created.expires_at).toBeNull();

    const list = await call("GET", `/api/v1/w/${u.workspaceId}/shares`, { token: u.token });
    expect(list.json.items).toEqual([
      {
        id: created.id,
        bundle_id: bundleId,
        bundle_name: "Shared one",
        url_prefix: `http://localhost/s/${created.token.slice(0, 6)}…`,
        expires_at: null,
        revoked_at: null,
        created_at: created.created_at,
        created_by: u.userId,
      },
    ]);
    expect(list.text).not.toContain(created.token);

    const open = await readShare(created.token);
    expect(open.status).toBe(200);
    expect(open.headers.get("cache-control")).toBe("no-store");
    expect(open.json).toEqual({ bundle: manualBundle({ name: "Shared one" }), name: "Shared one", apps: [{ app: "manual", label: { en: "Manual start", ru: "Ручной запуск" } }] });

    expect((await call("DELETE", `/api/v1/w/${u.workspaceId}/shares/${created.id}`, { token: u.token })).status).toBe(204);
    const dead = await readShare(created.token);
    expect(dead.status).toBe(404);
    expect(dead.json.error).toMatchObject({ code: "not_found", message: "This share link does not exist or was revoked. Ask its owner for a new one." });
    expect((await call("DELETE", `/api/v1/w/${u.workspaceId}/shares/${created.id}`, { token: u.token })).status).toBe(404);
    const after = await call("GET", `/api/v1/w/${u.workspaceId}/shares`, { token: u.token });
    expect(after.json.items[0].revoked_at).toEqual(expect.any(String));
  });

  it("keep only a hash of the token in D1", async () => {
    const u = await signUp("sharehash");
    const bundleId = await createBundle(u, manualBundle({ name: "Hashed" }));
    const created = await share(u, bundleId);
    const row = await env.DB.prepare("SELECT * FROM share WHERE id = ?").bind(created.id).first();
    expect(JSON.stringify(row)).not.toContain(created.token);
    expect(row?.token_hash).toBe(await sha256Hex(created.token));
  });

  it("answer 410 once expired, and refuse an expiry in the past", async () => {
    const u = await signUp("shareexp");
    const bundleId = await createBundle(u, manualBundle({ name: "Expiring" }));
    const expiresAt = new Date(Date.now() + 3_600_000).toISOString();
    const created = await share(u, bundleId, { expires_at: expiresAt });
    expect(created.expires_at).toBe(expiresAt);
    expect((await readShare(created.token)).status).toBe(200);

    const past = Date.now() - 1000;
    await env.DB.prepare("UPDATE share SET expires_at = ? WHERE id = ?").bind(past, created.id).run();
    const gone = await readShare(created.token);
    expect(gone.status).toBe(410);
    expect(gone.json.error).toMatchObject({ code: "gone", message: `This share link expired on ${new Date(past).toISOString()}. Ask its owner for a new one.` });

    const refused = await call("POST", `/api/v1/w/${u.workspaceId}/bundles/${bundleId}/shares`, { token: u.token, body: { expires_at: new Date(past).toISOString() } });
    expect(refused.status).toBe(400);
    expect(refused.json.error).toMatchObject({ code: "validation_failed", path: "/expires_at" });
  });

  it("show placeholders instead of connections and no secret literal", async () => {
    const u = await signUp("sharesecret");
    const connectionId = await botConnection(u);
    const bundleId = await createBundle(u, secretiveBundle(connectionId));
    const created = await share(u, bundleId);
    const open = await readShare(created.token);
    expect(open.status).toBe(200);
    for (const secret of [connectionId, ...SECRETS]) expect(open.text).not.toContain(secret);

    const [callApi, check, postSlack] = open.json.bundle.steps;
    expect(callApi.input).toEqual({
      method: "POST",
      url: "https://api.example.com/v1/leads?api_key=••••&page=1",
      headers: { Authorization: "••••", "Content-Type": "••••" },
      body: { password: "••••", session: "••••", signature: "••••", phone: "{{start.phone}}", sheet: "••••", source: "lead_source_website_2024" },
      continue_on_error_status: false,
    });
    expect(postSlack.input.url).toBe("https://hooks.slack.com/services/T0ABC1234/B0ABC5678/••••");
    expect(check.then[0]).toMatchObject({ connection: "alerts", input: { chat_id: "-100123", text: "New lead {{start.phone}} (bot ••••)" } });
    expect(check.when).toEqual({ left: "{{call_api.status}}", op: "eq", right: "200" });
    expect(open.json.apps.map((a: { app: string }) => a.app)).toEqual(["manual", "http", "telegram"]);
    const row = await env.DB.prepare("SELECT document FROM share WHERE id = ?").bind(created.id).first<{ document: string }>();
    for (const secret of [connectionId, ...SECRETS]) expect(row?.document).not.toContain(secret);
  });

  it("show the bundle as it was when the link was created", async () => {
    const u = await signUp("sharesnap");
    const bundleId = await createBundle(u, manualBundle({ name: "Before" }));
    const created = await share(u, bundleId);
    await call("PUT", `/api/v1/w/${u.workspaceId}/bundles/${bundleId}`, { token: u.token, body: manualBundle({ name: "After" }) });
    expect((await readShare(created.token)).json.name).toBe("Before");
    expect((await call("GET", `/api/v1/w/${u.workspaceId}/shares`, { token: u.token })).json.items[0].bundle_name).toBe("After");
  });

  it("copy into another workspace with that workspace's connections, never another's", async () => {
    const a = await signUp("sharefrom");
    const b = await signUp("shareto");
    const aConnection = await botConnection(a);
    const bConnection = await botConnection(b, "My bot");
    const bundleId = await createBundle(a, secretiveBundle(aConnection));
    const created = await share(a, bundleId);
    const use = (connections: Record<string, string>) =>
      call("POST", `/api/v1/w/${b.workspaceId}/shares/use`, { token: b.token, headers: fromAddress(), body: { token: created.token, connections } });

    const unmapped = await use({});
    expect(unmapped.status).toBe(400);
    expect(unmapped.json.error).toMatchObject({ code: "validation_failed", path: "/connections/alerts" });
    const foreign = await use({ alerts: aConnection });
    expect(foreign.status).toBe(400);
    expect(foreign.json.error.code).toBe("validation_failed");
    expect(foreign.text).toContain("/steps/1/then/0/connection");

    const copied = await use({ alerts: bConnection });
    expect(copied.status).toBe(201);
    expect(copied.json.version).toBe(1);
    const got = await call("GET", `/api/v1/w/${b.workspaceId}/bundles/${copied.json.id}`, { token: b.token });
    expect(got.json).toMatchObject({ name: "Leads to Telegram", enabled: false });
    expect(got.json.document.steps[1].then[0].connection).toBe(bConnection);
    for (const secret of SECRETS) expect(JSON.stringify(got.json.document)).not.toContain(secret);
    const aBundles = await call("GET", `/api/v1/w/${a.workspaceId}/bundles`, { token: a.token });
    expect(aBundles.json.items).toHaveLength(1);

    await call("DELETE", `/api/v1/w/${a.workspaceId}/shares/${created.id}`, { token: a.token });
    const afterRevoke = await use({ alerts: bConnection });
    expect(afterRevoke.status).toBe(404);
  });

  it("may be listed by viewers, but only editors create, revoke or copy them", async () => {
    const owner = await signUp("shareowner");
    const viewer = await signUpMember(owner, "viewer", "shareviewer");
    const bundleId = await createBundle(owner, manualBundle({ name: "Guarded" }));
    const created = await share(owner, bundleId);

    const byViewer = await call("POST", `/api/v1/w/${owner.workspaceId}/bundles/${bundleId}/shares`, { token: viewer.token, body: {} });
    expect(byViewer.status).toBe(403);
    expect((await call("GET", `/api/v1/w/${owner.workspaceId}/shares`, { token: viewer.token })).json.items).toHaveLength(1);
    expect((await call("DELETE", `/api/v1/w/${owner.workspaceId}/shares/${created.id}`, { token: viewer.token })).status).toBe(403);
    const copy = await call("POST", `/api/v1/w/${owner.workspaceId}/shares/use`, { token: viewer.token, body: { token: created.token, connections: {} } });
    expect(copy.status).toBe(403);
    expect((await call("GET", `/api/v1/w/${owner.workspaceId}/shares`, { token: owner.token })).json.items).toHaveLength(1);
  });

  it("on status-page links, show the bundle's state and its last N runs without payloads", async () => {
    const u = await signUp("shareruns");
    const bundleId = await createBundle(u, manualBundle({ name: "Status page" }));
    for (let i = 0; i < 3; i++) await runBundle(u, bundleId, { marker: `PAYLOAD-${i}` });
    // frame_ancestors left out means "*" (docs/sharing.md).
    const withRuns = await share(u, bundleId, { embed: { show_runs: 2 } });
    expect((await fetchEmbed(withRuns.token)).headers.get("content-security-policy")).toBe("frame-ancestors *");
    const open = await readShare(withRuns.token);
    expect(open.json.status).toBe("disabled");
    expect(open.json.runs).toHaveLength(2);
    for (const r of open.json.runs) {
      expect(Object.keys(r).sort()).toEqual(["finished_at", "started_at", "status"]);
      expect(r.status).toBe("success");
    }
    expect(open.text).not.toContain("PAYLOAD-");

    // Under load the queue can start a run received earlier after one received later: the
    // page lists the start times newest first all the same.
    const [older] = await ledgerSql(u.workspaceId, "SELECT id FROM run WHERE bundle_id = ? ORDER BY created_at ASC, id ASC LIMIT 1 OFFSET 1", bundleId);
    const lateStart = Date.now() + 60_000;
    await ledgerSql(u.workspaceId, "UPDATE run SET started_at = ? WHERE id = ?", lateStart, older.id);
    const reordered = (await readShare(withRuns.token)).json.runs.map((r: { started_at: string }) => Date.parse(r.started_at));
    expect(reordered[0]).toBe(lateStart);
    expect(reordered[1]).toBeLessThanOrEqual(reordered[0]);

    await enableBundle(u, bundleId);
    expect((await readShare(withRuns.token)).json.status).toBe("enabled");
    const plain = await readShare((await share(u, bundleId)).token);
    expect(plain.json).not.toHaveProperty("runs");
    expect(plain.json).not.toHaveProperty("status");
  });

  it("serve the embed page framable by the link's sites only, without X-Frame-Options", async () => {
    const u = await signUp("shareembed");
    const bundleId = await createBundle(u, manualBundle({ name: "Embedded" }));
    const anySite = await share(u, bundleId);
    const someSites = await share(u, bundleId, { embed: { frame_ancestors: ["https://status.example.com/", "HTTPS://*.Example.org"] } });

    const open = await fetchEmbed(anySite.token);
    expect(open.status).toBe(200);
    expect(open.text).toBe(SPA_HTML);
    expect(open.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(open.headers.get("content-security-policy")).toBe("frame-ancestors *");
    expect(open.headers.get("x-frame-options")).toBeNull();
    expect(open.headers.get("cache-control")).toBe("no-store");
    const listed = await fetchEmbed(someSites.token);
    expect(listed.headers.get("content-security-policy")).toBe("frame-ancestors https://status.example.com https://*.example.org");
    expect(listed.headers.get("x-frame-options")).toBeNull();

    const unknown = await fetchEmbed("A".repeat(32));
    expect(unknown.status).toBe(404);
    expect(unknown.text).toBe(SPA_HTML);
    expect(unknown.headers.get("content-security-policy")).toBe("frame-ancestors 'none'");
    await call("DELETE", `/api/v1/w/${u.workspaceId}/shares/${someSites.id}`, { token: u.token });
    expect((await fetchEmbed(someSites.token)).status).toBe(404);
    await env.DB.prepare("UPDATE share SET expires_at = ? WHERE id = ?").bind(Date.now() - 1000, anySite.id).run();
    const expired = await fetchEmbed(anySite.token);
    expect(expired.status).toBe(410);
    expect(expired.headers.get("content-security-policy")).toBe("frame-ancestors *");

    // Every other page keeps refusing to be framed.
    expect((await readShare(someSites.token)).headers.get("x-frame-options")).toBe("DENY");
  });

  it("refuse origins that are not a scheme and a host", async () => {
    const u = await signUp("shareorigin");
    const bundleId = await createBundle(u, manualBundle({ name: "Origins" }));
    for (const [frameAncestors, path] of [
      [["https://ok.example.com", "https://evil.example.com/x; script-src *"], "/embed/frame_ancestors/1"],
      [["javascript:alert(1)"], "/embed/frame_ancestors/0"],
      [[], "/embed/frame_ancestors"],
    ] as const) {
      const res = await call("POST", `/api/v1/w/${u.workspaceId}/bundles/${bundleId}/shares`, { token: u.token, body: { embed: { frame_ancestors: frameAncestors } } });
      expect(res.status).toBe(400);
      expect(res.json.error.path).toBe(path);
    }
  });

  it("cap token lookups at 60 a minute per address (the shared rate limiter, wrangler.toml)", { timeout: 30_000 }, async () => {
    const ip = fromAddress();
    const guess = "B".repeat(32);
    await roomInWindow(60_000, 15_000);
    for (let i = 0; i < 60; i++) expect((await readShare(guess, ip)).status).toBe(404);
    const limited = await readShare(guess, ip);
    expect(limited.status).toBe(429);
    expect(limited.json.error.code).toBe("rate_limited");
    expect(limited.headers.get("retry-after")).toBe("60");
    expect((await readShare(guess)).status).toBe(404);
  });
});
