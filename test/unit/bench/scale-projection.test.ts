// The scale bench's arithmetic: meter counts → per run → the target's peak and retention,
// against Cloudflare's limits; and the monthly bill of that volume.
import { describe, expect, it } from "vitest";
import { monthlyBill, PRICES } from "../../../bench/lib/scale-bill";
import { checkLimits, meanRunsPerSecond, perRun, TARGET, type Measured } from "../../../bench/lib/scale-projection";
import type { MeterSnapshot } from "../../../worker/meter/counters";

const d1 = { statements: 2_000, reads: 1_200, writes: 800, other: 0, roundTrips: 1_500, batches: 300, rowsRead: 1_000, rowsWritten: 1_600, withoutMeta: 400, paramBytes: 5_000_000 };

/** 100 runs of today's design: a webhook and a Workflow instance each, 20 statements a run. */
const today: Measured = {
  runs: 100,
  meterReads: 3,
  workflowClasses: ["RunWorkflow"],
  snapshot: {
    since: "",
    isolate: "",
    entries: { fetch: 103, RunWorkflow: 100, DedupLease: 4 },
    d1: { DB: d1 },
    durableObjects: {},
    queues: {},
    r2: {},
    workflows: { RUNS: { creates: 100, batchCalls: 0, gets: 0, paramBytes: 9_000 } },
  } satisfies MeterSnapshot,
  stored: { d1: 1_200_000, objects: {}, workflows: { RUNS: 1_500_000 } },
};

/** 100 runs of a queue + per-workspace ledger design, the busiest ledger taking 5% of the requests. */
const ledger: Measured = {
  ...today,
  workflowClasses: [],
  snapshot: {
    ...today.snapshot,
    entries: { fetch: 103, queue: 10 },
    // of 200 reads, 100 in a Sessions API session (the webhooks' lookups)
    d1: {
      DB: { ...d1, statements: 100, reads: 100, writes: 0, rowsRead: 100, rowsWritten: 0, withoutMeta: 0 },
      "DB@replica": { ...d1, statements: 100, reads: 100, writes: 0, rowsRead: 100, rowsWritten: 0, withoutMeta: 0 },
    },
    durableObjects: { RUN_LEDGER: { requests: 700, fetches: 0, rpcCalls: 700, bytes: 1_100_000, objects: 20, busiestObjectRequests: 35, methods: {} } },
    queues: { RUN_QUEUE: { messages: 100, calls: 100, bytes: 10_000 } },
    r2: { PAYLOADS: { puts: 10, gets: 5, heads: 0, lists: 0, deletes: 0, multipart: 0, putBytes: 1_000_000, getBytes: 0 } },
    workflows: {},
  },
  stored: { d1: 0, objects: { RUN_LEDGER: 1_100_000 }, workflows: {} },
};

describe("per run", () => {
  it("divides the counts by the runs and leaves out the bench's own meter reads", () => {
    const run = perRun(today);
    expect(run.workerInvocations).toBe(2); // (103 − 3 meter reads) webhooks + 100 Workflow instances, over 100 runs
    expect(run.d1).toMatchObject({ statements: 20, reads: 12, writes: 8, rowsRead: 10, rowsWritten: 16, withoutMeta: 4 });
    expect(run.d1StoredBytes).toBe(12_000);
    expect(run.workflows.RUNS).toEqual({ creates: 1, storedBytes: 15_000 });
  });

  it("keeps each Durable Object namespace's busiest object's share of requests", () => {
    expect(perRun(ledger).objects.RUN_LEDGER).toEqual({ requests: 7, bytes: 11_000, objects: 20, busiestShare: 0.05, storedBytes: 11_000 });
    expect(perRun(ledger).queues.RUN_QUEUE).toEqual({ messages: 1, bytes: 100 });
  });
});

describe("against the limits at 100M runs a month", () => {
  it("takes the mean from the month and the load from the peak", () => {
    expect(meanRunsPerSecond(TARGET)).toBeCloseTo(38.58, 2);
  });

  it("projects today's design: D1 queries and storage, Workflow creations, nothing on queues or objects", () => {
    const rows = Object.fromEntries(checkLimits(perRun(today), TARGET).map((r) => [r.name, r]));
    expect(rows["D1 queries/s (the primary)"]).toMatchObject({ projected: 8_000, limit: 1_000, ratio: 8 });
    expect(rows["D1 queries/s (one read replica)"].projected).toBe(0);
    // 12 KB a run × 100M runs a month, kept 30 days = 1,200 GB against 10 GB
    expect(rows["D1 storage (the one database)"].projected).toBeCloseTo(1_200, 6);
    expect(rows["D1 storage (the one database)"].ratio).toBeCloseTo(120, 6);
    expect(rows["Workflow creations/s (RUNS)"]).toMatchObject({ projected: 400, limit: 100, ratio: 4 });
    expect(rows["Queue messages/s"].projected).toBe(0);
    expect(rows["Durable Object requests/s, busiest object"].projected).toBe(0);
  });

  it("projects the busiest ledger object from its share of the requests", () => {
    const rows = Object.fromEntries(checkLimits(perRun(ledger), TARGET).map((r) => [r.name, r]));
    expect(rows["Durable Object requests/s, busiest RUN_LEDGER object"].projected).toBeCloseTo(400 * 7 * 0.05, 9); // 140/s
    // 11 KB a run × 5% × 100M runs, kept 30 days = 55 GB: over the 10 GB an object may hold
    expect(rows["Durable Object storage, busiest RUN_LEDGER object"].projected).toBeCloseTo(55, 6);
    expect(rows["Queue messages/s (RUN_QUEUE)"]).toMatchObject({ projected: 400, ratio: 0.08 });
    expect(rows["Workflow creations/s"].projected).toBe(0);
  });

  it("splits D1 between the primary and a read replica", () => {
    const run = perRun(ledger);
    expect(run.d1.statements).toBe(2);
    expect(run.d1Replica.statements).toBe(1);
    const rows = Object.fromEntries(checkLimits(run, TARGET).map((r) => [r.name, r]));
    expect(rows["D1 queries/s (the primary)"]).toMatchObject({ projected: 400, ratio: 0.4 });
    expect(rows["D1 queries/s (one read replica)"]).toMatchObject({ projected: 400, ratio: 0.4 });
  });
});

describe("the monthly bill", () => {
  const usd = (bill: ReturnType<typeof monthlyBill>, item: string) => bill.lines.find((l) => l.item.startsWith(item))!.usd;

  it("prices what is above each allowance at the list price", () => {
    const bill = monthlyBill(perRun(today), TARGET, { cpuMsPerRun: 10, objectActiveMsPerRequest: 10, objectRowsReadPerRequest: 2, objectRowsWrittenPerRequest: 2, d1RowsPerStatementWithoutMeta: 1, workflowStateDays: 7 });
    expect(usd(bill, "Workers Paid subscription")).toBe(5);
    expect(usd(bill, "requests (webhooks")).toBeCloseTo((200e6 - 10e6) * 0.3e-6, 6); // $57
    expect(usd(bill, "CPU time")).toBeCloseTo((1e9 - 30e6) * 0.02e-6, 6); // $19.40
    expect(usd(bill, "rows written")).toBeCloseTo((1.6e9 - 50e6) * 1e-6, 6); // $1,550
    expect(usd(bill, "rows read")).toBe(0); // 1.4B rows, under the 25B included
    expect(usd(bill, "storage (kept 30 days)")).toBeCloseTo((1_200 - 5) * 0.75, 6);
    // Workflow state: 15 KB a run × 100M runs, kept 7 of 30 days = 350 GB-month
    expect(usd(bill, "step state")).toBeCloseTo((350 - 1) * 0.2, 6);
    expect(bill.usd).toBeCloseTo(bill.lines.reduce((s, l) => s + l.usd, 0), 9);
  });

  it("prices queue operations per 64 KB and ledger requests, rows and storage", () => {
    const bill = monthlyBill(perRun(ledger), TARGET);
    expect(usd(bill, "operations (write")).toBeCloseTo((300e6 - 1e6) * 0.4e-6, 6);
    expect(bill.lines.find((l) => l.product === "Durable Objects" && l.item === "requests")!.usd).toBeCloseTo((700e6 - 1e6) * PRICES.objectRequests.usdPer, 6);
    expect(usd(bill, "class A")).toBeCloseTo((10e6 - 1e6) * 4.5e-6, 6); // 0.1 put a run: $40.50
  });
});
