// Typed calls for the audit log (owners and admins) and the workspace's limits and usage.
import { request, type RequestOptions } from "./client.ts";
import type { AuditPage, Quotas } from "./types.ts";

type Opts = Pick<RequestOptions, "fetch">;
const ws = (id: string) => `/w/${encodeURIComponent(id)}`;

/** The target types the audit log can be filtered by (GET /audit `target_type`). */
export const auditTargetTypes = ["bundle", "connection", "member", "api_key", "settings"] as const;
export type AuditTargetType = (typeof auditTargetTypes)[number];

export const auditApi = {
  /** One page, newest first; `cursor` is the previous page's `next_cursor`. */
  list: (workspaceId: string, filter: { target_type?: AuditTargetType; cursor?: string }, opts?: Opts) => {
    const params = new URLSearchParams({ limit: "50" });
    if (filter.target_type) params.set("target_type", filter.target_type);
    if (filter.cursor) params.set("cursor", filter.cursor);
    return request<AuditPage>("GET", `${ws(workspaceId)}/audit?${params}`, opts);
  },
  quotas: (workspaceId: string, opts?: Opts) => request<Quotas>("GET", `${ws(workspaceId)}/quotas`, opts)
};
