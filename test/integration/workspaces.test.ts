import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { call, signUp } from "./support/api";

describe("workspaces", () => {
  it("a user owns several workspaces and can open each", async () => {
    const user = await signUp("multi");
    const second = await call("POST", "/api/v1/workspaces", { token: user.token, body: { name: "Second shop" } });
    expect(second.status).toBe(201);
    expect(second.json).toMatchObject({ name: "Second shop", role: "owner" });

    const me = await call("GET", "/api/v1/me", { token: user.token });
    expect(me.json.workspaces.map((w: { name: string }) => w.name)).toEqual(["multi workspace", "Second shop"]);
    for (const w of me.json.workspaces) {
      const one = await call("GET", `/api/v1/w/${w.id}`, { token: user.token });
      expect(one.status).toBe(200);
      expect(one.json).toEqual({ id: w.id, name: w.name, role: "owner" });
    }
  });

  it("a new workspace starts with an empty bundle list", async () => {
    const user = await signUp("empty");
    const res = await call("GET", `/api/v1/w/${user.workspaceId}/bundles`, { token: user.token });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ items: [] });
  });
});

describe("members", () => {
  it("an owner adds an existing user with a role; the member sees the workspace", async () => {
    const owner = await signUp("owner");
    const other = await signUp("editor");
    const add = await call("POST", `/api/v1/w/${owner.workspaceId}/members`, { token: owner.token, body: { email: other.email, role: "editor" } });
    expect(add.status).toBe(201);
    expect(add.json).toMatchObject({ id: other.userId, role: "editor", status: "active" });

    const me = await call("GET", "/api/v1/me", { token: other.token });
    expect(me.json.workspaces).toContainEqual({ id: owner.workspaceId, name: "owner workspace", role: "editor" });

    const list = await call("GET", `/api/v1/w/${owner.workspaceId}/members`, { token: other.token });
    expect(list.json.items.map((m: { email: string; role: string }) => [m.email, m.role])).toEqual([
      [owner.email, "owner"],
      [other.email, "editor"],
    ]);
  });

  it("an invited email joins the workspace when it signs up", async () => {
    const owner = await signUp("inviter");
    const email = `newcomer-${crypto.randomUUID().slice(0, 6)}@example.com`;
    const invite = await call("POST", `/api/v1/w/${owner.workspaceId}/members`, { token: owner.token, body: { email, role: "viewer" } });
    expect(invite.status).toBe(201);
    expect(invite.json.status).toBe("invited");

    const joined = await call("POST", "/api/v1/auth/signup", { body: { email, password: "long enough pw", workspace_name: "Own" } });
    const me = await call("GET", "/api/v1/me", { token: joined.json.token });
    expect(me.json.workspaces).toContainEqual({ id: owner.workspaceId, name: "inviter workspace", role: "viewer" });
  });

  it("viewers and editors may look but not manage members", async () => {
    const owner = await signUp("boss");
    const viewer = await signUp("viewer");
    await call("POST", `/api/v1/w/${owner.workspaceId}/members`, { token: owner.token, body: { email: viewer.email, role: "viewer" } });
    expect((await call("GET", `/api/v1/w/${owner.workspaceId}/members`, { token: viewer.token })).status).toBe(200);
    const res = await call("POST", `/api/v1/w/${owner.workspaceId}/members`, { token: viewer.token, body: { email: "x@y.zz", role: "admin" } });
    expect(res.status).toBe(403);
    expect(res.json.error.code).toBe("forbidden");
  });

  it("an admin cannot make owners; the last owner cannot be demoted or removed", async () => {
    const owner = await signUp("solo");
    const admin = await signUp("admin");
    await call("POST", `/api/v1/w/${owner.workspaceId}/members`, { token: owner.token, body: { email: admin.email, role: "admin" } });
    const promote = await call("PATCH", `/api/v1/w/${owner.workspaceId}/members/${admin.userId}`, { token: admin.token, body: { role: "owner" } });
    expect(promote.status).toBe(403);
    const demote = await call("PATCH", `/api/v1/w/${owner.workspaceId}/members/${owner.userId}`, { token: owner.token, body: { role: "admin" } });
    expect(demote.status).toBe(409);
    const remove = await call("DELETE", `/api/v1/w/${owner.workspaceId}/members/${owner.userId}`, { token: owner.token });
    expect(remove.status).toBe(409);
    const removeAdmin = await call("DELETE", `/api/v1/w/${owner.workspaceId}/members/${admin.userId}`, { token: owner.token });
    expect(removeAdmin.status).toBe(204);
    expect((await call("GET", `/api/v1/w/${owner.workspaceId}`, { token: admin.token })).status).toBe(404);
  });

  it("rejects an unknown role naming the field", async () => {
    const owner = await signUp("roles");
    const res = await call("POST", `/api/v1/w/${owner.workspaceId}/members`, { token: owner.token, body: { email: "a@b.co", role: "god" } });
    expect(res.status).toBe(400);
    expect(res.json.error.path).toBe("/role");
  });
});

describe("API keys", () => {
  it("shows the key once, stores only a hash, and the key works in its workspace", async () => {
    const owner = await signUp("keys");
    const created = await call("POST", `/api/v1/w/${owner.workspaceId}/api-keys`, { token: owner.token, body: { name: "CI", role: "editor" } });
    expect(created.status).toBe(201);
    const key: string = created.json.key;
    expect(key).toMatch(/^svk_[A-Za-z0-9_-]{40,}$/);

    const list = await call("GET", `/api/v1/w/${owner.workspaceId}/api-keys`, { token: owner.token });
    expect(list.json.items).toEqual([expect.objectContaining({ id: created.json.id, name: "CI", prefix: key.slice(0, 12), role: "editor" })]);
    expect(list.text).not.toContain(key);

    const stored = await env.DB.prepare("SELECT * FROM api_key WHERE id = ?").bind(created.json.id).first();
    expect(JSON.stringify(stored)).not.toContain(key);

    const bundles = await call("GET", `/api/v1/w/${owner.workspaceId}/bundles`, { token: key });
    expect(bundles.status).toBe(200);
    expect((await call("GET", "/api/v1/me", { token: key })).status).toBe(403);
  });

  it("a revoked key stops working at once", async () => {
    const owner = await signUp("revoke");
    const created = await call("POST", `/api/v1/w/${owner.workspaceId}/api-keys`, { token: owner.token, body: { name: "temp" } });
    expect((await call("DELETE", `/api/v1/w/${owner.workspaceId}/api-keys/${created.json.id}`, { token: owner.token })).status).toBe(204);
    const res = await call("GET", `/api/v1/w/${owner.workspaceId}/bundles`, { token: created.json.key });
    expect(res.status).toBe(401);
  });

  it("an expired key is refused", async () => {
    const owner = await signUp("expired");
    const created = await call("POST", `/api/v1/w/${owner.workspaceId}/api-keys`, { token: owner.token, body: { name: "old" } });
    await env.DB.prepare("UPDATE api_key SET expires_at = ? WHERE id = ?").bind(Date.now() - 1000, created.json.id).run();
    expect((await call("GET", `/api/v1/w/${owner.workspaceId}/bundles`, { token: created.json.key })).status).toBe(401);
  });

  it("an editor key cannot manage keys or members, and nobody mints a key above their role", async () => {
    const owner = await signUp("keyroles");
    const editorKey = (await call("POST", `/api/v1/w/${owner.workspaceId}/api-keys`, { token: owner.token, body: { name: "ed", role: "editor" } })).json.key;
    expect((await call("POST", `/api/v1/w/${owner.workspaceId}/api-keys`, { token: editorKey, body: { name: "x" } })).status).toBe(403);
    expect((await call("GET", `/api/v1/w/${owner.workspaceId}/api-keys`, { token: editorKey })).status).toBe(403);
    const admin = await signUp("keyadmin");
    await call("POST", `/api/v1/w/${owner.workspaceId}/members`, { token: owner.token, body: { email: admin.email, role: "admin" } });
    const ownerKey = await call("POST", `/api/v1/w/${owner.workspaceId}/api-keys`, { token: admin.token, body: { name: "too much", role: "owner" } });
    expect(ownerKey.status).toBe(403);
  });
});
