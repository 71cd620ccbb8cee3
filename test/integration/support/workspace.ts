// People and their workspaces, made through the API as the dashboard makes them: a user signed
// up with a workspace of their own, a member who accepted an invitation, an API key, settings.
import { call } from "./api";

export interface User {
  email: string;
  password: string;
  token: string;
  userId: string;
  workspaceId: string;
  cookie: string;
}

/** What the helpers act as: a token, and the workspace it acts in. */
export type Caller = Pick<User, "token" | "workspaceId">;

let counter = 0;

/** Signs up a fresh user with their own workspace, named "<prefix> workspace". */
export async function signUp(prefix = "user"): Promise<User> {
  counter += 1;
  const email = `${prefix}-${counter}-${crypto.randomUUID().slice(0, 6)}@example.com`;
  const password = "correct horse battery";
  const res = await call("POST", "/api/v1/auth/signup", { body: { email, password, workspace_name: `${prefix} workspace` } });
  if (res.status !== 201) throw new Error(`signup failed: ${res.status} ${res.text}`);
  const { token, user_id: userId, workspace_id: workspaceId } = res.json;
  const cookie = res.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  return { email, password, token, userId, workspaceId, cookie };
}

/** A new user (signed up as `prefix`) who has accepted an invitation to the owner's workspace as `role`. */
export async function signUpMember(owner: Caller, role: string, prefix: string): Promise<User> {
  const who = await signUp(prefix);
  const invited = await call("POST", `/api/v1/w/${owner.workspaceId}/members`, { token: owner.token, body: { email: who.email, role } });
  if (invited.status !== 201) throw new Error(`not invited: ${invited.status} ${invited.text}`);
  const accepted = await call("POST", `/api/v1/me/invitations/${invited.json.id}/accept`, { token: who.token });
  if (accepted.status !== 200) throw new Error(`not accepted: ${accepted.status} ${accepted.text}`);
  return who;
}

/** A new API key of the workspace with `role`: the key itself, shown only once. */
export async function apiKey(u: Caller, role: string, name = `${role} key`): Promise<string> {
  const res = await call("POST", `/api/v1/w/${u.workspaceId}/api-keys`, { token: u.token, body: { name, role } });
  if (res.status !== 201) throw new Error(`API key not created: ${res.status} ${res.text}`);
  return res.json.key;
}

/** Changes the workspace's settings named in `patch`; answers all of them. */
export async function patchSettings(u: Caller, patch: Record<string, unknown>) {
  const res = await call("PATCH", `/api/v1/w/${u.workspaceId}/settings`, { token: u.token, body: patch });
  if (res.status !== 200) throw new Error(`settings not saved: ${res.status} ${res.text}`);
  return res.json;
}
