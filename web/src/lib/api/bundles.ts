// Typed calls for the bundle list and the editor, one function per endpoint (rest-api.md
// "Bundles" and "Runs", the test-data contract, GET /apps).
import { request } from "./client.ts";
import type {
  BundleDetail,
  BundleDocument,
  BundleRef,
  BundleSummary,
  BundleVersionList,
  Catalogue,
  ConnectionList,
  CreatedBundle,
  ForcedRun,
  LoadedTestData,
  NextRuns,
  RunDetail,
  RunPage,
  Schedule,
  SheetSync,
  StepTest,
  VersionDocument
} from "./types.ts";

type Fetch = typeof fetch;
const ws = (id: string) => `/w/${encodeURIComponent(id)}`;
const bundle = (workspaceId: string, id: string) => `${ws(workspaceId)}/bundles/${encodeURIComponent(id)}`;

export const bundleApi = {
  catalogue: (fetch?: Fetch) => request<Catalogue>("GET", "/apps", { fetch }),
  connections: (workspaceId: string, fetch?: Fetch) =>
    request<ConnectionList>("GET", `${ws(workspaceId)}/connections`, { fetch }),

  get: (workspaceId: string, id: string, fetch?: Fetch) => request<BundleDetail>("GET", bundle(workspaceId, id), { fetch }),
  create: (workspaceId: string, document: BundleDocument) =>
    request<CreatedBundle>("POST", `${ws(workspaceId)}/bundles`, { body: document }),
  save: (workspaceId: string, id: string, document: BundleDocument) =>
    request<BundleRef>("PUT", bundle(workspaceId, id), { body: document }),
  remove: (workspaceId: string, id: string) => request<void>("DELETE", bundle(workspaceId, id)),
  duplicate: (workspaceId: string, id: string) =>
    request<BundleRef>("POST", `${bundle(workspaceId, id)}/duplicate`),
  setEnabled: (workspaceId: string, id: string, enabled: boolean) =>
    request<BundleSummary>("POST", `${bundle(workspaceId, id)}/${enabled ? "enable" : "disable"}`),
  exportDocument: (workspaceId: string, id: string) => request<BundleDocument>("GET", `${bundle(workspaceId, id)}/export`),
  importDocument: (workspaceId: string, document: unknown, connections: Record<string, string>) =>
    request<BundleRef>("POST", `${ws(workspaceId)}/bundles/import`, { body: { bundle: document, connections } }),

  versions: (workspaceId: string, id: string) => request<BundleVersionList>("GET", `${bundle(workspaceId, id)}/versions`),
  version: (workspaceId: string, id: string, version: number) =>
    request<VersionDocument>("GET", `${bundle(workspaceId, id)}/versions/${version}`),

  /**
   * `idempotencyKey`: one per click, so the same click sent twice starts one run. `payload` is
   * always sent, so the answer is a run: a polling bundle polls instead only when it is left out.
   */
  run: (workspaceId: string, id: string, payload: {} | null, idempotencyKey: string) =>
    request<Extract<ForcedRun, { run_id: string }>>("POST", `${bundle(workspaceId, id)}/run`, { body: { payload, save_as_test_data: true }, idempotencyKey }),
  /** A polling bundle reads its sheet now (no payload): the runs of the new rows. */
  pollNow: (workspaceId: string, id: string, idempotencyKey: string) =>
    request<Extract<ForcedRun, { polled: true }>>("POST", `${bundle(workspaceId, id)}/run`, { body: {}, idempotencyKey }),
  /** How far the sheet sync has got: the next row to read, the runs it started and how many ended. */
  sheetSync: (workspaceId: string, id: string) => request<SheetSync>("GET", `${bundle(workspaceId, id)}/sync`),
  runs: (workspaceId: string, bundleId: string, limit: number, fetch?: Fetch) =>
    request<RunPage>("GET", `${ws(workspaceId)}/runs?bundle_id=${encodeURIComponent(bundleId)}&limit=${limit}`, { fetch }),
  runDetail: (workspaceId: string, runId: string, fetch?: Fetch) =>
    request<RunDetail>("GET", `${ws(workspaceId)}/runs/${encodeURIComponent(runId)}`, { fetch }),

  loadTestData: (workspaceId: string, id: string) =>
    request<LoadedTestData>("POST", `${bundle(workspaceId, id)}/test-data/load`),
  testStep: (workspaceId: string, id: string, stepId: string, trigger?: unknown) =>
    request<StepTest>("POST", `${bundle(workspaceId, id)}/steps/${encodeURIComponent(stepId)}/test`, {
      body: trigger === undefined ? {} : { trigger },
    }),

  nextRuns: (schedule: Schedule, count: number) =>
    request<NextRuns>("POST", "/schedule/next-runs", { body: { schedule, count } })
};
