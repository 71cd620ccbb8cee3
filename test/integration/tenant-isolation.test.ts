// Workspace B's credentials against every workspace route of workspace A: nothing is read or
// changed, and the answer is the same 404 a workspace that does not exist gives.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { call } from "./support/api";
import { createBundle, manualBundle } from "./support/bundles";
import { telegramConnection } from "./support/connections";
import { ledgerSql } from "./support/ledger";
import { forceRun } from "./support/runs";
import { apiKey, signUp, type User } from "./support/workspace";

type Ctx = { ws: string; memberId: string; keyId: string; bundleId: string; runId: string; connectionId: string; stepId: string; shareId: string; shareToken: string };

/** `body` may name A's objects (a function of the context), as an attacker would. */
const routes: Array<{ method: string; path: (c: Ctx) => string; body?: unknown | ((c: Ctx) => unknown) }> = [
  { method: "GET", path: (c) => `/api/v1/w/${c.ws}` },
  { method: "GET", path: (c) => `/api/v1/w/${c.ws}/members` },
  { method: "POST", path: (c) => `/api/v1/w/${c.ws}/members`, body: { email: "intruder@example.com", role: "owner" } },
  { method: "PATCH", path: (c) => `/api/v1/w/${c.ws}/members/${c.memberId}`, body: { role: "viewer" } },
  { method: "DELETE", path: (c) => `/api/v1/w/${c.ws}/members/${c.memberId}` },
  { method: "GET", path: (c) => `/api/v1/w/${c.ws}/api-keys` },
  { method: "POST", path: (c) => `/api/v1/w/${c.ws}/api-keys`, body: { name: "stolen", role: "owner" } },
  { method: "DELETE", path: (c) => `/api/v1/w/${c.ws}/api-keys/${c.keyId}` },
  { method: "GET", path: (c) => `/api/v1/w/${c.ws}/bundles` },
  { method: "POST", path: (c) => `/api/v1/w/${c.ws}/bundles`, body: manualBundle({ name: "intruder" }) },
  { method: "GET", path: (c) => `/api/v1/w/${c.ws}/bundles/${c.bundleId}` },
  { method: "PUT", path: (c) => `/api/v1/w/${c.ws}/bundles/${c.bundleId}`, body: manualBundle({ name: "hijacked" }) },
  { method: "DELETE", path: (c) => `/api/v1/w/${c.ws}/bundles/${c.bundleId}` },
  { method: "POST", path: (c) => `/api/v1/w/${c.ws}/bundles/${c.bundleId}/enable` },
  { method: "POST", path: (c) => `/api/v1/w/${c.ws}/bundles/${c.bundleId}/disable` },
  { method: "GET", path: (c) => `/api/v1/w/${c.ws}/bundles/${c.bundleId}/versions` },
  { method: "GET", path: (c) => `/api/v1/w/${c.ws}/bundles/${c.bundleId}/versions/1` },
  { method: "GET", path: (c) => `/api/v1/w/${c.ws}/bundles/${c.bundleId}/export` },
  { method: "POST", path: (c) => `/api/v1/w/${c.ws}/bundles/${c.bundleId}/webhook/rotate` },
  { method: "POST", path: (c) => `/api/v1/w/${c.ws}/bundles/${c.bundleId}/duplicate` },
  { method: "POST", path: (c) => `/api/v1/w/${c.ws}/bundles/import`, body: { bundle: manualBundle({ name: "imported" }), connections: {} } },
  { method: "POST", path: (c) => `/api/v1/w/${c.ws}/bundles/from-template`, body: (c: Ctx) => ({ template: "webhook-telegram-message", connections: { telegram: c.connectionId } }) },
  { method: "POST", path: (c) => `/api/v1/w/${c.ws}/bundles/${c.bundleId}/run`, body: { payload: {} } },
  { method: "POST", path: (c) => `/api/v1/w/${c.ws}/bundles/${c.bundleId}/test-data/load` },
  { method: "POST", path: (c) => `/api/v1/w/${c.ws}/bundles/${c.bundleId}/cursor/reset` },
  { method: "POST", path: (c) => `/api/v1/w/${c.ws}/bundles/${c.bundleId}/steps/${c.stepId}/test`, body: { trigger: {} } },
  { method: "GET", path: (c) => `/api/v1/w/${c.ws}/runs` },
  { method: "GET", path: (c) => `/api/v1/w/${c.ws}/runs/${c.runId}` },
  { method: "POST", path: (c) => `/api/v1/w/${c.ws}/runs/${c.runId}/retry`, body: { from: "start" } },
  { method: "POST", path: (c) => `/api/v1/w/${c.ws}/runs/retry`, body: (c: Ctx) => ({ run_ids: [c.runId], from: "start" }) },
  { method: "GET", path: (c) => `/api/v1/w/${c.ws}/bundles/${c.bundleId}/stats` },
  { method: "GET", path: (c) => `/api/v1/w/${c.ws}/bundles/${c.bundleId}/sync` },
  { method: "GET", path: (c) => `/api/v1/w/${c.ws}/settings` },
  { method: "PATCH", path: (c) => `/api/v1/w/${c.ws}/settings`, body: { log_retention_days: 1 } },
  { method: "GET", path: (c) => `/api/v1/w/${c.ws}/connections` },
  { method: "POST", path: (c) => `/api/v1/w/${c.ws}/connections`, body: { app: "telegram", name: "x", fields: { bot_token: "1:x" } } },
  { method: "GET", path: (c) => `/api/v1/w/${c.ws}/connections/${c.connectionId}` },
  { method: "PATCH", path: (c) => `/api/v1/w/${c.ws}/connections/${c.connectionId}`, body: { name: "stolen" } },
  { method: "DELETE", path: (c) => `/api/v1/w/${c.ws}/connections/${c.connectionId}` },
  { method: "POST", path: (c) => `/api/v1/w/${c.ws}/connections/${c.connectionId}/test` },
  { method: "POST", path: (c) => `/api/v1/w/${c.ws}/bundles/${c.bundleId}/shares`, body: {} },
  { method: "GET", path: (c) => `/api/v1/w/${c.ws}/shares` },
  { method: "DELETE", path: (c) => `/api/v1/w/${c.ws}/shares/${c.shareId}` },
  { method: "POST", path: (c) => `/api/v1/w/${c.ws}/shares/use`, body: (c: Ctx) => ({ token: c.shareToken, connections: {} }) },
  { method: "POST", path: (c) => `/api/v1/w/${c.ws}/connections/${c.connectionId}/telegram/link` },
  { method: "POST", path: (c) => `/api/v1/w/${c.ws}/connections/oauth/start`, body: { app: "amocrm", name: "x", fields: { client_id: "a", client_secret: "b" } } },
  { method: "GET", path: (c) => `/api/v1/w/${c.ws}/audit` },
  { method: "GET", path: (c) => `/api/v1/w/${c.ws}/quotas` },
];

describe("workspace B cannot touch workspace A", () => {
  let a: User;
  let b: User;
  let bKey: string;
  let ctx: Ctx;

  beforeAll(async () => {
    a = await signUp("tenant-a");
    b = await signUp("tenant-b");
    const key = await call("POST", `/api/v1/w/${a.workspaceId}/api-keys`, { token: a.token, body: { name: "a's key" } });
    bKey = await apiKey(b, "admin");
    const bundleId = await createBundle(a, manualBundle({ name: "a's bundle" }));
    const runId = await forceRun(a, bundleId, {});
    const connectionId = await telegramConnection(a, { name: "alerts", botToken: "123:secret" });
    const share = await call("POST", `/api/v1/w/${a.workspaceId}/bundles/${bundleId}/shares`, { token: a.token, body: {} });
    ctx = {
      ws: a.workspaceId,
      memberId: a.userId,
      keyId: key.json.id,
      bundleId,
      runId,
      connectionId,
      stepId: "notify",
      shareId: share.json.id,
      shareToken: share.json.token,
    };
  });

  it("every workspace route in the OpenAPI document is covered by this table", async () => {
    const doc = (await call("GET", "/api/v1/openapi.json")).json;
    const documented = Object.entries(doc.paths as Record<string, Record<string, unknown>>)
      .filter(([path]) => path.startsWith("/w/"))
      .flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
    const placeholders = { ws: "{ws}", memberId: "{id}", keyId: "{id}", bundleId: "{id}", runId: "{id}", connectionId: "{id}", stepId: "{step_id}", shareId: "{id}", shareToken: "" };
    const covered = routes.map((r) => `${r.method} ${r.path(placeholders)}`.replace("/api/v1", "").replace("/versions/1", "/versions/{version}"));
    expect(new Set(covered)).toEqual(new Set(documented));
  });

  for (const route of routes) {
    it(`${route.method} ${route.path({ ws: ":ws", memberId: ":id", keyId: ":id", bundleId: ":id", runId: ":id", connectionId: ":id", stepId: ":step_id", shareId: ":id", shareToken: "" })} → 404 for B's session and B's API key`, async () => {
      const before = await snapshot(a.workspaceId);
      for (const token of [b.token, bKey]) {
        const body = typeof route.body === "function" ? route.body(ctx) : route.body;
        const res = await call(route.method, route.path(ctx), { token, body });
        expect(res.status).toBe(404);
        expect(res.json.error.code).toBe("not_found");
      }
      expect(await snapshot(a.workspaceId)).toEqual(before);
    });
  }
});

async function snapshot(workspaceId: string) {
  const members = await env.DB.prepare("SELECT user_id, role FROM member WHERE organization_id = ? ORDER BY user_id").bind(workspaceId).all();
  const keys = await env.DB.prepare("SELECT id, revoked_at FROM api_key WHERE workspace_id = ? ORDER BY id").bind(workspaceId).all();
  const invitations = await env.DB.prepare("SELECT email FROM invitation WHERE organization_id = ?").bind(workspaceId).all();
  const bundles = await env.DB.prepare("SELECT id, name, version, enabled, webhook_token, test_data, next_run_at FROM bundle WHERE workspace_id = ?").bind(workspaceId).all();
  const runs = await ledgerSql(workspaceId, "SELECT id FROM run ORDER BY id");
  const settings = await env.DB.prepare("SELECT * FROM workspace_settings WHERE workspace_id = ?").bind(workspaceId).all();
  const connections = await env.DB.prepare("SELECT id, name, fields, secrets FROM connection WHERE workspace_id = ?").bind(workspaceId).all();
  const shares = await env.DB.prepare("SELECT id, revoked_at FROM share WHERE workspace_id = ?").bind(workspaceId).all();
  return {
    members: members.results,
    keys: keys.results,
    invitations: invitations.results,
    bundles: bundles.results,
    runs,
    connections: connections.results,
    shares: shares.results,
    settings: settings.results,
  };
}
