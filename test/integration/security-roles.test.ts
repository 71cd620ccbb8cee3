// A viewer changes nothing (issue 9): every write route of the OpenAPI document, called with a
// viewer's session and a viewer API key, answers 403 and leaves the workspace as it was. And
// an API key that is revoked or expired opens nothing, with a clear 401.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { call } from "./support/api";
import { createBundle, manualBundle } from "./support/bundles";
import { telegramConnection } from "./support/connections";
import { ledgerSql } from "./support/ledger";
import { forceRun } from "./support/runs";
import { apiKey, signUp, signUpMember } from "./support/workspace";

type Ids = { ws: string; bundleId: string; runId: string; connectionId: string; memberId: string; keyId: string };

const manual = (name: string) => manualBundle({ name, steps: [{ id: "s", kind: "stop" }] });

/** A valid body for each write route that requires one (OpenAPI path form), so the role check, not validation, answers. */
const bodies: Record<string, unknown> = {
  "POST /w/{ws}/members": { email: "newcomer@example.com", role: "viewer" },
  "PATCH /w/{ws}/members/{id}": { role: "viewer" },
  "POST /w/{ws}/api-keys": { name: "viewer's key", role: "viewer" },
  "POST /w/{ws}/bundles": manual("by a viewer"),
  "PUT /w/{ws}/bundles/{id}": manual("changed by a viewer"),
  "POST /w/{ws}/bundles/import": { bundle: manual("imported by a viewer"), connections: {} },
  "POST /w/{ws}/bundles/from-template": { template: "webhook-telegram-message", connections: { telegram: "c_any" } },
  "POST /w/{ws}/runs/{id}/retry": { from: "start" },
  "PATCH /w/{ws}/settings": { log_retention_days: 1 },
  "POST /w/{ws}/connections": { app: "telegram", name: "x", fields: { bot_token: "1:x" } },
  "PATCH /w/{ws}/connections/{id}": { name: "renamed by a viewer" },
  "POST /w/{ws}/connections/oauth/start": { app: "amocrm", name: "x", fields: { subdomain: "x", client_id: "a", client_secret: "b" } },
  "POST /w/{ws}/runs/retry": { run_ids: ["r_any"], from: "start" },
  "POST /w/{ws}/bundles/{id}/shares": {},
  "POST /w/{ws}/shares/use": { token: "s".repeat(32), connections: {} },
};

/** The id each `{id}` stands for, by the resource the path names. */
function concretePath(path: string, ids: Ids): string {
  const resource = /\/w\/\{ws\}\/([a-z-]+)/.exec(path)?.[1];
  const id = { bundles: ids.bundleId, runs: ids.runId, connections: ids.connectionId, members: ids.memberId, "api-keys": ids.keyId }[resource ?? ""] ?? "unknown";
  return "/api/v1" + path.replace("{ws}", ids.ws).replace("{id}", id).replace("{version}", "1").replace(/\{[a-z_]+\}/g, "s");
}

async function snapshot(workspaceId: string) {
  const tables = ["member", "invitation", "api_key", "bundle", "connection", "workspace_settings", "share"];
  const out: Record<string, unknown> = {};
  for (const table of tables) {
    const column = table === "member" || table === "invitation" ? "organization_id" : "workspace_id";
    out[table] = (await env.DB.prepare(`SELECT * FROM ${table} WHERE ${column} = ? ORDER BY 1`).bind(workspaceId).all()).results.map((row) => {
      const { last_used_at, ...rest } = row as Record<string, unknown>;
      return rest;
    });
  }
  // Runs live in the workspace's ledger; their status moves on its own, what a write would change does not.
  out.run = await ledgerSql(workspaceId, "SELECT id, bundle_id, event_key, retry_of FROM run ORDER BY id");
  return out;
}

describe("a viewer on every write route", () => {
  let ids: Ids;
  let viewerSession: string;
  let viewerKey: string;
  let writes: Array<{ method: string; path: string; body?: unknown }>;

  beforeAll(async () => {
    const owner = await signUp("roles-owner");
    const ws = owner.workspaceId;
    const viewer = await signUpMember(owner, "viewer", "roles-viewer");
    viewerSession = viewer.token;
    viewerKey = await apiKey(owner, "viewer");
    const key = await call("POST", `/api/v1/w/${ws}/api-keys`, { token: owner.token, body: { name: "editor key" } });
    const bundleId = await createBundle(owner, manual("owner's"));
    const runId = await forceRun(owner, bundleId, {});
    const connectionId = await telegramConnection(owner, { name: "alerts", botToken: "123:secret" });
    ids = { ws, bundleId, runId, connectionId, memberId: owner.userId, keyId: key.json.id };

    const doc = (await call("GET", "/api/v1/openapi.json")).json as { paths: Record<string, Record<string, { requestBody?: { required?: boolean } }>> };
    writes = Object.entries(doc.paths)
      .filter(([path]) => path.startsWith("/w/"))
      .flatMap(([path, ops]) =>
        Object.entries(ops)
          .filter(([method]) => method !== "get")
          .map(([method, op]) => ({ method: method.toUpperCase(), path, needsBody: Boolean(op.requestBody?.required) })),
      )
      .map(({ method, path, needsBody }) => ({ method, path, body: bodies[`${method} ${path}`] ?? (needsBody ? undefined : {}) }));
  });

  it("every write route that needs a body has a valid one in the table", () => {
    expect(writes.filter((w) => w.body === undefined).map((w) => `${w.method} ${w.path}`)).toEqual([]);
  });

  it("each answers 403 to the viewer's session and the viewer's API key, and nothing changes", async () => {
    expect(writes.length).toBeGreaterThan(15);
    const before = await snapshot(ids.ws);
    const answers: string[] = [];
    for (const route of writes) {
      for (const [who, token] of [["session", viewerSession], ["api key", viewerKey]]) {
        const res = await call(route.method, concretePath(route.path, ids), { token, body: route.body });
        if (res.status !== 403 || res.json?.error?.code !== "forbidden") answers.push(`${route.method} ${route.path} (${who}) → ${res.status} ${res.text.slice(0, 120)}`);
      }
    }
    expect(answers).toEqual([]);
    expect(await snapshot(ids.ws)).toEqual(before);
  });
});

describe("API keys that no longer work", () => {
  it("a revoked key and an expired key answer 401 with a clear message, on reads and writes", async () => {
    const owner = await signUp("keys");
    const ws = owner.workspaceId;
    const make = async (name: string) => (await call("POST", `/api/v1/w/${ws}/api-keys`, { token: owner.token, body: { name, role: "admin" } })).json as { id: string; key: string };
    const revoked = await make("revoked");
    const expired = await make("expired");
    const live = await make("live");
    expect((await call("DELETE", `/api/v1/w/${ws}/api-keys/${revoked.id}`, { token: owner.token })).status).toBe(204);
    await env.DB.prepare("UPDATE api_key SET expires_at = ? WHERE id = ?").bind(Date.now() - 1000, expired.id).run();

    expect((await call("GET", `/api/v1/w/${ws}/bundles`, { token: live.key })).status).toBe(200);
    for (const key of [revoked.key, expired.key]) {
      for (const [method, path, body] of [
        ["GET", `/api/v1/w/${ws}/bundles`, undefined],
        ["POST", `/api/v1/w/${ws}/bundles`, manual("with a dead key")],
        ["POST", `/api/v1/w/${ws}/api-keys`, { name: "new", role: "owner" }],
      ] as const) {
        const res = await call(method, path, { token: key, body });
        expect(res.status).toBe(401);
        expect(res.json.error).toMatchObject({ code: "unauthorized", message: "The API key is unknown, revoked or expired." });
      }
    }
    expect((await call("GET", `/api/v1/w/${ws}/bundles`, { token: owner.token })).json.items).toEqual([]);
  });
});
