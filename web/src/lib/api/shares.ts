// Typed calls for share links (docs/sharing.md): creating, listing and revoking them in a
// workspace, reading a shared bundle by its token, and copying it into a workspace.
import { request } from "./client.ts";
import type { BundleRef, CreatedShare, NewShare, PublicShare, ShareList } from "./types.ts";

type Fetch = typeof fetch;
const ws = (id: string) => `/w/${encodeURIComponent(id)}`;

export const shareApi = {
  create: (workspaceId: string, bundleId: string, body: NewShare) =>
    request<CreatedShare>("POST", `${ws(workspaceId)}/bundles/${encodeURIComponent(bundleId)}/shares`, { body }),
  list: (workspaceId: string, fetch?: Fetch) => request<ShareList>("GET", `${ws(workspaceId)}/shares`, { fetch }),
  revoke: (workspaceId: string, id: string) => request<void>("DELETE", `${ws(workspaceId)}/shares/${encodeURIComponent(id)}`),
  read: (token: string, fetch?: Fetch) =>
    request<PublicShare>("GET", `/shares/${encodeURIComponent(token)}`, { fetch, allowUnauthorized: true }),
  use: (workspaceId: string, token: string, connections: Record<string, string>) =>
    request<BundleRef>("POST", `${ws(workspaceId)}/shares/use`, { body: { token, connections } })
};
