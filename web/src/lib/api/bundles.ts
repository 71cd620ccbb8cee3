// Typed calls for the bundle list and the editor, one function per endpoint (rest-api.md
// "Bundles" and "Runs", the test-data contract, GET /apps).
import { request } from "./client.ts";
import type {
  BundleDetail,
  BundleDocument,
  BundleVersion,
  CatalogueApp,
  Connection,
  RunDetail,
  Schedule,
  StepTestResult,
} from "./bundle-types.ts";
import type { Run } from "./run-types.ts";
import type { List } from "./types.ts";

type Fetch = typeof fetch;
const ws = (id: string) => `/w/${encodeURIComponent(id)}`;
const bundle = (workspaceId: string, id: string) => `${ws(workspaceId)}/bundles/${encodeURIComponent(id)}`;

export const bundleApi = {
  catalogue: (fetch?: Fetch) => request<{ apps: CatalogueApp[] }>("GET", "/apps", { fetch }),
  connections: (workspaceId: string, fetch?: Fetch) =>
    request<List<Connection>>("GET", `${ws(workspaceId)}/connections`, { fetch }),

  get: (workspaceId: string, id: string, fetch?: Fetch) => request<BundleDetail>("GET", bundle(workspaceId, id), { fetch }),
  create: (workspaceId: string, document: BundleDocument) =>
    request<{ id: string; version: number; webhook_url: string | null }>("POST", `${ws(workspaceId)}/bundles`, { body: document }),
  save: (workspaceId: string, id: string, document: BundleDocument) =>
    request<{ id: string; version: number }>("PUT", bundle(workspaceId, id), { body: document }),
  remove: (workspaceId: string, id: string) => request<void>("DELETE", bundle(workspaceId, id)),
  duplicate: (workspaceId: string, id: string) =>
    request<{ id: string; version: number }>("POST", `${bundle(workspaceId, id)}/duplicate`),
  setEnabled: (workspaceId: string, id: string, enabled: boolean) =>
    request<{ enabled: boolean; next_run_at: string | null }>("POST", `${bundle(workspaceId, id)}/${enabled ? "enable" : "disable"}`),
  exportDocument: (workspaceId: string, id: string) => request<BundleDocument>("GET", `${bundle(workspaceId, id)}/export`),
  importDocument: (workspaceId: string, document: unknown, connections: Record<string, string>) =>
    request<{ id: string; version: number }>("POST", `${ws(workspaceId)}/bundles/import`, { body: { bundle: document, connections } }),

  versions: (workspaceId: string, id: string) => request<List<BundleVersion>>("GET", `${bundle(workspaceId, id)}/versions`),
  version: (workspaceId: string, id: string, version: number) =>
    request<{ version: number; document: BundleDocument }>("GET", `${bundle(workspaceId, id)}/versions/${version}`),

  /** `idempotencyKey`: one per click, so the same click sent twice starts one run. */
  run: (workspaceId: string, id: string, payload: unknown, idempotencyKey: string) =>
    request<{ run_id: string }>("POST", `${bundle(workspaceId, id)}/run`, { body: { payload, save_as_test_data: true }, idempotencyKey }),
  runs: (workspaceId: string, bundleId: string, limit: number, fetch?: Fetch) =>
    request<{ items: Run[] }>("GET", `${ws(workspaceId)}/runs?bundle_id=${encodeURIComponent(bundleId)}&limit=${limit}`, { fetch }),
  runDetail: (workspaceId: string, runId: string, fetch?: Fetch) =>
    request<RunDetail>("GET", `${ws(workspaceId)}/runs/${encodeURIComponent(runId)}`, { fetch }),

  loadTestData: (workspaceId: string, id: string) =>
    request<{ test_data: Record<string, unknown>; source: string }>("POST", `${bundle(workspaceId, id)}/test-data/load`),
  testStep: (workspaceId: string, id: string, stepId: string, trigger?: unknown) =>
    request<StepTestResult>("POST", `${bundle(workspaceId, id)}/steps/${encodeURIComponent(stepId)}/test`, {
      body: trigger === undefined ? {} : { trigger },
    }),

  nextRuns: (schedule: Schedule, count: number) =>
    request<{ next: string[] }>("POST", "/schedule/next-runs", { body: { schedule, count } })
};
