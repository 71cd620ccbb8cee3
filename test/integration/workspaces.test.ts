import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { call } from "./support/api";
import { signUp, signUpMember } from "./support/workspace";

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
  it("inviting an email answers alike whether it has an account; a registered invitee joins only by accepting after logging in", async () => {
    const owner = await signUp("owner");
    const other = await signUp("editor");
    const newcomer = `newcomer-${crypto.randomUUID().slice(0, 6)}@example.com`;
    const invite = (email: string) => call("POST", `/api/v1/w/${owner.workspaceId}/members`, { token: owner.token, body: { email, role: "editor" } });
    const [registered, unknown] = [await invite(other.email), await invite(newcomer)];
    expect(registered.status).toBe(201);
    expect(unknown.status).toBe(201);
    for (const [res, email] of [[registered, other.email], [unknown, newcomer]] as const) {
      expect(res.json).toEqual({ id: expect.any(String), email, name: "", role: "editor", status: "invited", created_at: expect.any(String) });
    }
    expect(registered.json.id).not.toBe(other.userId);

    // Not a member yet: the workspace is not theirs to open, the list says "invited".
    expect((await call("GET", `/api/v1/w/${owner.workspaceId}`, { token: other.token })).status).toBe(404);
    const listed = (await call("GET", `/api/v1/w/${owner.workspaceId}/members`, { token: owner.token })).json.items;
    expect(listed.find((m: { email: string }) => m.email === other.email)).toMatchObject({ status: "invited", name: "" });

    // After logging in, the invitee sees the invitation, and joins by accepting it.
    const login = await call("POST", "/api/v1/auth/login", { body: { email: other.email, password: other.password } });
    const me = await call("GET", "/api/v1/me", { token: login.json.token });
    expect(me.json.invitations).toEqual([
      { id: registered.json.id, workspace_id: owner.workspaceId, workspace_name: "owner workspace", role: "editor", invited_by: owner.email.split("@")[0], expires_at: expect.any(String) },
    ]);
    const accepted = await call("POST", `/api/v1/me/invitations/${registered.json.id}/accept`, { token: login.json.token });
    expect(accepted.status).toBe(200);
    expect(accepted.json).toEqual({ id: owner.workspaceId, name: "owner workspace", role: "editor" });
    const after = await call("GET", "/api/v1/me", { token: other.token });
    expect(after.json.workspaces).toContainEqual({ id: owner.workspaceId, name: "owner workspace", role: "editor" });
    expect(after.json.invitations).toEqual([]);
    expect((await call("POST", `/api/v1/me/invitations/${registered.json.id}/accept`, { token: other.token })).status).toBe(404);

    const list = await call("GET", `/api/v1/w/${owner.workspaceId}/members`, { token: other.token });
    expect(list.json.items.map((m: { email: string; role: string; status: string }) => [m.email, m.role, m.status])).toEqual([
      [owner.email, "owner", "active"],
      [other.email, "editor", "active"],
      [newcomer, "editor", "invited"],
    ]);
  });

  it("an invitation is only its invitee's to accept or decline; a declined one is gone", async () => {
    const owner = await signUp("decline-owner");
    const invitee = await signUp("decline-invitee");
    const stranger = await signUp("decline-stranger");
    const invited = await call("POST", `/api/v1/w/${owner.workspaceId}/members`, { token: owner.token, body: { email: invitee.email, role: "viewer" } });
    const path = (what: string) => `/api/v1/me/invitations/${invited.json.id}/${what}`;
    const notYours = await call("POST", path("accept"), { token: stranger.token });
    expect(notYours.status).toBe(404);
    expect(notYours.json.error.path).toBe("/id");
    expect((await call("POST", path("decline"), { token: stranger.token })).status).toBe(404);
    expect((await call("POST", path("decline"), { token: invitee.token })).status).toBe(204);
    expect((await call("POST", path("accept"), { token: invitee.token })).status).toBe(404);
    expect((await call("GET", "/api/v1/me", { token: invitee.token })).json.invitations).toEqual([]);
    expect((await call("GET", `/api/v1/w/${owner.workspaceId}/members`, { token: owner.token })).json.items).toHaveLength(1);
  });

  it("API keys cannot invite, registered email or not", async () => {
    const owner = await signUp("key-inviter");
    const other = await signUp("key-invitee");
    const key = (await call("POST", `/api/v1/w/${owner.workspaceId}/api-keys`, { token: owner.token, body: { name: "admin key", role: "admin" } })).json.key;
    for (const email of [other.email, "nobody-here@example.com"]) {
      const res = await call("POST", `/api/v1/w/${owner.workspaceId}/members`, { token: key, body: { email, role: "viewer" } });
      expect(res.status).toBe(403);
      expect(res.json.error.message).toBe("Invitations are sent by a person, not an API key: sign in to invite.");
    }
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
    const viewer = await signUpMember(owner, "viewer", "viewer");
    expect((await call("GET", `/api/v1/w/${owner.workspaceId}/members`, { token: viewer.token })).status).toBe(200);
    const res = await call("POST", `/api/v1/w/${owner.workspaceId}/members`, { token: viewer.token, body: { email: "x@y.zz", role: "admin" } });
    expect(res.status).toBe(403);
    expect(res.json.error.code).toBe("forbidden");
  });

  it("an admin cannot make owners; the last owner cannot be demoted or removed", async () => {
    const owner = await signUp("solo");
    const admin = await signUpMember(owner, "admin", "admin");
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
    const admin = await signUpMember(owner, "admin", "keyadmin");
    const ownerKey = await call("POST", `/api/v1/w/${owner.workspaceId}/api-keys`, { token: admin.token, body: { name: "too much", role: "owner" } });
    expect(ownerKey.status).toBe(403);
  });
});
