// Typed calls to the foundation API, one function per endpoint (docs/api-contract-foundation.md).
import { request, type RequestOptions } from "./client.ts";
import type {
  ApiKeyList,
  BundleList,
  CreatedApiKey,
  LoginInput,
  LoginResult,
  Me,
  Member,
  MemberList,
  Role,
  SignupInput,
  SignupResult,
  WorkspaceSummary
} from "./types.ts";

type Opts = Pick<RequestOptions, "fetch" | "allowUnauthorized">;
const ws = (id: string) => `/w/${encodeURIComponent(id)}`;

export const api = {
  signup: (body: SignupInput) =>
    request<SignupResult>("POST", "/auth/signup", { body, allowUnauthorized: true }),
  login: (body: LoginInput) =>
    request<LoginResult>("POST", "/auth/login", { body, allowUnauthorized: true }),
  logout: () => request<void>("POST", "/auth/logout", { allowUnauthorized: true }),
  me: (opts?: Opts) => request<Me>("GET", "/me", opts),

  createWorkspace: (name: string) => request<WorkspaceSummary>("POST", "/workspaces", { body: { name } }),
  acceptInvitation: (id: string) => request<WorkspaceSummary>("POST", `/me/invitations/${encodeURIComponent(id)}/accept`),
  declineInvitation: (id: string) => request<void>("POST", `/me/invitations/${encodeURIComponent(id)}/decline`),

  bundles: (workspaceId: string, opts?: Opts) =>
    request<BundleList>("GET", `${ws(workspaceId)}/bundles`, opts),

  members: (workspaceId: string, opts?: Opts) =>
    request<MemberList>("GET", `${ws(workspaceId)}/members`, opts),
  inviteMember: (workspaceId: string, body: { email: string; role: Role }) =>
    request<Member>("POST", `${ws(workspaceId)}/members`, { body }),
  /** `memberId` is a member's `id`: their user id, or the invitation id while invited. */
  changeMemberRole: (workspaceId: string, memberId: string, role: Role) =>
    request<Member>("PATCH", `${ws(workspaceId)}/members/${encodeURIComponent(memberId)}`, { body: { role } }),
  /** Removes a member, or cancels an invitation. */
  removeMember: (workspaceId: string, memberId: string) =>
    request<void>("DELETE", `${ws(workspaceId)}/members/${encodeURIComponent(memberId)}`),

  apiKeys: (workspaceId: string, opts?: Opts) =>
    request<ApiKeyList>("GET", `${ws(workspaceId)}/api-keys`, opts),
  createApiKey: (workspaceId: string, body: { name: string; role?: Role }) =>
    request<CreatedApiKey>("POST", `${ws(workspaceId)}/api-keys`, { body }),
  revokeApiKey: (workspaceId: string, id: string) =>
    request<void>("DELETE", `${ws(workspaceId)}/api-keys/${encodeURIComponent(id)}`)
};

export { ApiError } from "./error.ts";
export type * from "./types.ts";
export { ROLES as roles } from "../../../../worker/auth/role-names.ts";
