// Typed calls for share links (docs/sharing.md): creating, listing and revoking them in a
// workspace, reading a shared bundle by its token, and copying it into a workspace.
import { request } from "./client.ts";
import type { BundleDocument } from "./bundle-types.ts";
import type { List } from "./types.ts";

type Fetch = typeof fetch;
const ws = (id: string) => `/w/${encodeURIComponent(id)}`;

export interface NewShare {
  expires_at: string | null;
  embed: { frame_ancestors: "*" | string[]; show_runs: number };
}

export interface CreatedShare {
  id: string;
  /** Shown in this answer only. */
  token: string;
  url: string;
  embed_url: string;
  iframe_snippet: string;
  expires_at: string | null;
  created_at: string;
}

export interface ShareLink {
  id: string;
  bundle_id: string;
  bundle_name: string;
  url_prefix: string;
  expires_at: string | null;
  revoked_at: string | null;
  created_at: string;
  created_by: string | null;
}

export interface SharedBundle {
  bundle: BundleDocument;
  name: string;
  apps: Array<{ app: string; label: { en: string; ru: string } }>;
  status?: "enabled" | "paused" | "disabled";
  runs?: Array<{ status: string; started_at: string; finished_at: string | null }>;
}

export const shareApi = {
  create: (workspaceId: string, bundleId: string, body: NewShare) =>
    request<CreatedShare>("POST", `${ws(workspaceId)}/bundles/${encodeURIComponent(bundleId)}/shares`, { body }),
  list: (workspaceId: string, fetch?: Fetch) => request<List<ShareLink>>("GET", `${ws(workspaceId)}/shares`, { fetch }),
  revoke: (workspaceId: string, id: string) => request<void>("DELETE", `${ws(workspaceId)}/shares/${encodeURIComponent(id)}`),
  read: (token: string, fetch?: Fetch) =>
    request<SharedBundle>("GET", `/shares/${encodeURIComponent(token)}`, { fetch, allowUnauthorized: true }),
  use: (workspaceId: string, token: string, connections: Record<string, string>) =>
    request<{ id: string; version: number }>("POST", `${ws(workspaceId)}/shares/use`, { body: { token, connections } })
};
