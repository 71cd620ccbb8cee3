// Calls the real Worker (the `main` of wrangler.toml) as a client would.
import { exports } from "cloudflare:workers";

export const ORIGIN = "http://localhost";

export interface CallOptions {
  token?: string;
  cookie?: string;
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
}

export async function call(method: string, path: string, opts: CallOptions = {}) {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  if (opts.cookie) headers.cookie = opts.cookie;
  let body: string | undefined = opts.rawBody;
  if (opts.body !== undefined) {
    body = JSON.stringify(opts.body);
    headers["content-type"] = "application/json";
  }
  if (opts.rawBody !== undefined && !headers["content-type"]) headers["content-type"] = "application/json";
  const res = await exports.default.fetch(new Request(ORIGIN + path, { method, headers, body }));
  const text = await res.text();
  let json: any = undefined;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, json, text, headers: res.headers };
}

let counter = 0;

/** Signs up a fresh user with their own workspace. */
export async function signUp(prefix = "user") {
  counter += 1;
  const email = `${prefix}-${counter}-${crypto.randomUUID().slice(0, 6)}@example.com`;
  const password = "correct horse battery";
  const res = await call("POST", "/api/v1/auth/signup", { body: { email, password, workspace_name: `${prefix} workspace` } });
  if (res.status !== 201) throw new Error(`signup failed: ${res.status} ${res.text}`);
  const { token, user_id: userId, workspace_id: workspaceId } = res.json;
  const cookie = res.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  return { email, password, token: token as string, userId: userId as string, workspaceId: workspaceId as string, cookie };
}

/** Invites `who` (signed up already) into the owner's workspace with `role`, and has them accept. */
export async function addMember(owner: { token: string; workspaceId: string }, who: { token: string; email: string }, role: string) {
  const invited = await call("POST", `/api/v1/w/${owner.workspaceId}/members`, { token: owner.token, body: { email: who.email, role } });
  if (invited.status !== 201) throw new Error(`not invited: ${invited.status} ${invited.text}`);
  const accepted = await call("POST", `/api/v1/me/invitations/${invited.json.id}/accept`, { token: who.token });
  if (accepted.status !== 200) throw new Error(`not accepted: ${accepted.status} ${accepted.text}`);
}
