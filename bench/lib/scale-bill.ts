// The monthly Cloudflare bill of a projected volume, at the Workers Paid list prices (each
// with the page it comes from; docs/scale.md). What the local runtime cannot measure (CPU
// time, how long a Durable Object stays active, rows inside a Durable Object) is an assumption,
// printed with the bill.
import { GB, retainedBytes, type PerRun, type Workload } from "./scale-projection.ts";

const PAGES = {
  workers: "https://developers.cloudflare.com/workers/platform/pricing/",
  workflows: "https://developers.cloudflare.com/workflows/reference/pricing/",
  d1: "https://developers.cloudflare.com/d1/platform/pricing/",
  durableObjects: "https://developers.cloudflare.com/durable-objects/platform/pricing/",
  queues: "https://developers.cloudflare.com/queues/platform/pricing/",
  r2: "https://developers.cloudflare.com/r2/pricing/",
};

/** Workers Paid (Standard usage model) list prices, checked 2026-12: included per month, then the price per unit. */
export const PRICES = {
  subscription: { usd: 5, source: PAGES.workers },
  workerRequests: { included: 10e6, usdPer: 0.3 / 1e6, unit: "requests", source: PAGES.workers },
  workerCpuMs: { included: 30e6, usdPer: 0.02 / 1e6, unit: "CPU ms", source: PAGES.workers },
  workflowStorage: { included: 1, usdPer: 0.2, unit: "GB-month", source: PAGES.workflows },
  d1RowsRead: { included: 25e9, usdPer: 0.001 / 1e6, unit: "rows", source: PAGES.d1 },
  d1RowsWritten: { included: 50e6, usdPer: 1 / 1e6, unit: "rows", source: PAGES.d1 },
  d1Storage: { included: 5, usdPer: 0.75, unit: "GB-month", source: PAGES.d1 },
  objectRequests: { included: 1e6, usdPer: 0.15 / 1e6, unit: "requests", source: PAGES.durableObjects },
  objectDuration: { included: 400_000, usdPer: 12.5 / 1e6, unit: "GB-s", source: PAGES.durableObjects },
  objectRowsRead: { included: 25e9, usdPer: 0.001 / 1e6, unit: "rows", source: PAGES.durableObjects },
  objectRowsWritten: { included: 50e6, usdPer: 1 / 1e6, unit: "rows", source: PAGES.durableObjects },
  objectStorage: { included: 5, usdPer: 0.2, unit: "GB-month", source: PAGES.durableObjects },
  queueOperations: { included: 1e6, usdPer: 0.4 / 1e6, unit: "operations", source: PAGES.queues },
  r2ClassA: { included: 1e6, usdPer: 4.5 / 1e6, unit: "operations", source: PAGES.r2 },
  r2ClassB: { included: 10e6, usdPer: 0.36 / 1e6, unit: "operations", source: PAGES.r2 },
  r2Storage: { included: 10, usdPer: 0.015, unit: "GB-month", source: PAGES.r2 },
} as const;

/** What the bill assumes where nothing was measured. */
export interface Assumptions {
  /** CPU milliseconds a run costs across every invocation (intake, executor, Workflow). workerd locally does not report CPU time. */
  cpuMsPerRun: number;
  /** Wall-clock milliseconds a Durable Object stays active per request (billed at 128 MB). */
  objectActiveMsPerRequest: number;
  /** SQLite rows a Durable Object reads and writes per request (the meter sees the request, not the rows inside). */
  objectRowsReadPerRequest: number;
  objectRowsWrittenPerRequest: number;
  /** Rows read by a D1 statement whose call returns no meta (first(), raw()): the lookups by key this code makes. */
  d1RowsPerStatementWithoutMeta: number;
  /** Days a finished Workflow instance's state is kept (Workflows' default). */
  workflowStateDays: number;
}

export const ASSUMED: Assumptions = {
  cpuMsPerRun: 10,
  objectActiveMsPerRequest: 10,
  objectRowsReadPerRequest: 2,
  objectRowsWrittenPerRequest: 2,
  d1RowsPerStatementWithoutMeta: 1,
  workflowStateDays: 7,
};

export interface BillLine {
  product: string;
  item: string;
  volume: number;
  unit: string;
  included: number;
  usd: number;
  source: string;
}

type Price = { included: number; usdPer: number; unit: string; source: string };

const line = (product: string, item: string, volume: number, price: Price): BillLine => ({
  product,
  item,
  volume,
  unit: price.unit,
  included: price.included,
  usd: Math.max(0, volume - price.included) * price.usdPer,
  source: price.source,
});

const sum = <T>(values: T[], f: (v: T) => number) => values.reduce((total, v) => total + f(v), 0);

/** The month's bill: one line per priced dimension, zero where the code does not use the product. */
export function monthlyBill(run: PerRun, w: Workload, a: Assumptions = ASSUMED): { lines: BillLine[]; usd: number } {
  const runs = w.runsPerMonth;
  const objects = Object.values(run.objects);
  const objectRequests = sum(objects, (o) => o.requests) * runs;
  const queueOps = sum(Object.values(run.queues), (q) => q.messages * 3 * Math.max(1, Math.ceil((q.bytes + 100) / 64_000))) * runs;
  const r2 = Object.values(run.r2);
  const gbMonths = (bytes: number) => bytes / GB;
  const lines: BillLine[] = [
    { product: "Workers", item: "Workers Paid subscription", volume: 1, unit: "month", included: 0, usd: PRICES.subscription.usd, source: PRICES.subscription.source },
    line("Workers", "requests (webhooks, queue batches, cron, Workflow instances)", run.workerInvocations * runs, PRICES.workerRequests),
    line("Workers", `CPU time (assumed ${a.cpuMsPerRun} ms a run)`, a.cpuMsPerRun * runs, PRICES.workerCpuMs),
    line(
      "Workflows",
      `step state (kept ${a.workflowStateDays} days)`,
      gbMonths(retainedBytes(sum(Object.values(run.workflows), (c) => c.storedBytes), w, a.workflowStateDays)),
      PRICES.workflowStorage,
    ),
    line("D1", "rows read", (run.d1.rowsRead + run.d1.withoutMeta * a.d1RowsPerStatementWithoutMeta) * runs, PRICES.d1RowsRead),
    line("D1", "rows written", run.d1.rowsWritten * runs, PRICES.d1RowsWritten),
    line("D1", `storage (kept ${w.retentionDays} days)`, gbMonths(retainedBytes(run.d1StoredBytes, w)), PRICES.d1Storage),
    line("Durable Objects", "requests", objectRequests, PRICES.objectRequests),
    line("Durable Objects", `duration (assumed ${a.objectActiveMsPerRequest} ms active a request, 128 MB)`, objectRequests * (a.objectActiveMsPerRequest / 1000) * 0.128, PRICES.objectDuration),
    line("Durable Objects", `SQLite rows read (assumed ${a.objectRowsReadPerRequest} a request)`, objectRequests * a.objectRowsReadPerRequest, PRICES.objectRowsRead),
    line("Durable Objects", `SQLite rows written (assumed ${a.objectRowsWrittenPerRequest} a request)`, objectRequests * a.objectRowsWrittenPerRequest, PRICES.objectRowsWritten),
    line("Durable Objects", `SQLite storage (kept ${w.retentionDays} days)`, gbMonths(retainedBytes(sum(objects, (o) => o.storedBytes), w)), PRICES.objectStorage),
    line("Queues", "operations (write + read + delete per 64 KB)", queueOps, PRICES.queueOperations),
    line("R2", "class A operations", sum(r2, (b) => b.classA) * runs, PRICES.r2ClassA),
    line("R2", "class B operations", sum(r2, (b) => b.classB) * runs, PRICES.r2ClassB),
    line("R2", `storage (kept ${w.retentionDays} days)`, gbMonths(retainedBytes(sum(r2, (b) => b.putBytes), w)), PRICES.r2Storage),
  ];
  return { lines, usd: sum(lines, (l) => l.usd) };
}

