// Typed calls for runs and a bundle's run stats (docs/api.md "Runs").
import { request, type RequestOptions } from "./client.ts";
import type { RetriedRun, RetriedRuns, RetryFrom, RunDetail, RunFilter, RunPage, RunStats } from "./types.ts";

type Opts = Pick<RequestOptions, "fetch">;
const ws = (id: string) => `/w/${encodeURIComponent(id)}`;

function query(filter: RunFilter): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filter)) if (value !== undefined && value !== "") params.set(key, String(value));
  const text = params.toString();
  return text ? `?${text}` : "";
}

export const runsApi = {
  list: (workspaceId: string, filter: RunFilter, opts?: Opts) =>
    request<RunPage>("GET", `${ws(workspaceId)}/runs${query(filter)}`, opts),
  get: (workspaceId: string, id: string, opts?: Opts) =>
    request<RunDetail>("GET", `${ws(workspaceId)}/runs/${encodeURIComponent(id)}`, opts),
  /** `idempotencyKey`: one per click, so the same click sent twice retries once. */
  retry: (workspaceId: string, id: string, from: RetryFrom, idempotencyKey: string) =>
    request<RetriedRun>("POST", `${ws(workspaceId)}/runs/${encodeURIComponent(id)}/retry`, { body: { from }, idempotencyKey }),
  retryMany: (workspaceId: string, runIds: string[], from: RetryFrom, idempotencyKey: string) =>
    request<RetriedRuns>("POST", `${ws(workspaceId)}/runs/retry`, {
      body: { run_ids: runIds, from },
      idempotencyKey
    }),
  stats: (workspaceId: string, bundleId: string, hours = 24, opts?: Opts) =>
    request<RunStats>("GET", `${ws(workspaceId)}/bundles/${encodeURIComponent(bundleId)}/stats?hours=${hours}`, opts)
};
