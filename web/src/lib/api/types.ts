// Response shapes of the foundation API (docs/api-contract-foundation.md), as the dashboard sees them.

export type Role = "owner" | "admin" | "editor" | "viewer";
export const roles: readonly Role[] = ["owner", "admin", "editor", "viewer"];

/** An ISO 8601 date-time string. */
export type Timestamp = string;

export interface WorkspaceSummary {
  id: string;
  name: string;
  role: Role;
}

/** An invitation to the signed-in user's email, waiting for their answer. */
export interface PendingInvitation {
  id: string;
  workspace_id: string;
  workspace_name: string;
  role: Role;
  invited_by: string;
  expires_at: Timestamp;
}

export interface Me {
  user: { id: string; email: string; name: string };
  workspaces: WorkspaceSummary[];
  invitations: PendingInvitation[];
}

export interface SignupInput {
  email: string;
  password: string;
  workspace_name: string;
  name?: string;
}

export interface SignupResult {
  token: string;
  user_id: string;
  workspace_id: string;
}

export interface LoginInput {
  email: string;
  password: string;
}

export interface LoginResult {
  token: string;
  user_id: string;
  workspaces: WorkspaceSummary[];
}

export interface Member {
  /** The user id of an active member; the invitation id of an invited one. */
  id: string;
  email: string;
  name: string;
  role: Role;
  status: "active" | "invited";
  created_at: Timestamp;
}

export interface ApiKey {
  id: string;
  name: string;
  prefix: string;
  role: Role;
  created_at: Timestamp;
  last_used_at: Timestamp | null;
}

/** Returned once, on creation: `key` is never shown again. */
export interface CreatedApiKey {
  id: string;
  name: string;
  prefix: string;
  role: Role;
  key: string;
}

export interface List<T> {
  items: T[];
}

/** The body of every error answer. `path` names the offending input field, when there is one. */
export interface ErrorBody {
  /** `path` is a JSON pointer to the offending input field ("/email"), or "" when there is none. */
  error: { code: string; message: string; path: string };
}
