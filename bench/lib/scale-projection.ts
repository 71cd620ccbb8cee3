// The scale bench's arithmetic: what the meter counted over N runs, per run, projected to the
// target volume and set against Cloudflare's limits. Pure: the bench measures, this divides and
// multiplies, test/unit/bench/scale-projection.test.ts checks it.
import { REPLICA_SUFFIX, type MeterSnapshot } from "../../worker/meter/counters.ts";

export interface Workload {
  runsPerMonth: number;
  /** Runs per second in the busiest second of the month. */
  peakRunsPerSecond: number;
  workspaces: number;
  /** The busiest workspace's share of all runs. */
  busiestShare: number;
  /** How long runs and step logs are kept. */
  retentionDays: number;
}

/** The target: 100M runs a month, 400 runs/s at peak, 10,000 workspaces, the busiest 5%, logs kept 30 days. */
export const TARGET: Workload = { runsPerMonth: 100e6, peakRunsPerSecond: 400, workspaces: 10_000, busiestShare: 0.05, retentionDays: 30 };

/** Billing months are 30 days (Cloudflare's GB-month averages over 30 days too). */
export const DAYS_PER_MONTH = 30;
export const GB = 1e9;

export const meanRunsPerSecond = (w: Workload) => w.runsPerMonth / (DAYS_PER_MONTH * 86_400);

/** Bytes that stay stored for the retention window: monthly growth × retention in months. */
export const retainedBytes = (bytesPerRun: number, w: Workload, keptDays = w.retentionDays) => bytesPerRun * w.runsPerMonth * (keptDays / DAYS_PER_MONTH);

export interface PerRun {
  runs: number;
  /** Worker invocations a run costs: webhook requests, queue batches, cron ticks, Workflow instances. */
  workerInvocations: number;
  /** Every D1 statement, the primary's and the read replicas'. */
  d1: D1PerRun;
  /** Of those, the ones made in a Sessions API session: served by a read replica when replication is on. */
  d1Replica: D1PerRun;
  /** How much the local D1 database files grew, per run. */
  d1StoredBytes: number;
  /** Per Durable Object namespace binding. busiestShare: the busiest object's part of the namespace's requests. */
  objects: Record<string, { requests: number; bytes: number; objects: number; busiestShare: number; storedBytes: number }>;
  queues: Record<string, { messages: number; bytes: number }>;
  r2: Record<string, { classA: number; classB: number; deletes: number; putBytes: number }>;
  workflows: Record<string, { creates: number; storedBytes: number }>;
}

type D1PerRun = { statements: number; reads: number; writes: number; roundTrips: number; rowsRead: number; rowsWritten: number; withoutMeta: number; paramBytes: number };

export interface Measured {
  snapshot: MeterSnapshot;
  runs: number;
  /** GET /api/v1/internal/meter calls the bench made since the reset: counted as fetches, not the product's. */
  meterReads: number;
  /** Class names (of wrangler.toml) that are Workflows: each instance is an invocation. */
  workflowClasses: readonly string[];
  /** Growth of local storage over the load, in bytes: D1, each DO namespace, each Workflow binding. */
  stored: { d1: number; objects: Record<string, number>; workflows: Record<string, number> };
}

export function perRun(m: Measured): PerRun {
  const { snapshot: s, runs } = m;
  const per = (n: number) => n / runs;
  const handlerCalls = ["fetch", "queue", "scheduled"].reduce((sum, name) => sum + (s.entries[name] ?? 0), 0) - m.meterReads;
  const workflowInstances = m.workflowClasses.reduce((sum, name) => sum + (s.entries[name] ?? 0), 0);
  const sumD1 = (counts: MeterSnapshot["d1"][string][]) =>
    counts.reduce(
      (t, c) => ({
        statements: t.statements + c.statements,
        reads: t.reads + c.reads,
        writes: t.writes + c.writes,
        roundTrips: t.roundTrips + c.roundTrips,
        rowsRead: t.rowsRead + c.rowsRead,
        rowsWritten: t.rowsWritten + c.rowsWritten,
        withoutMeta: t.withoutMeta + c.withoutMeta,
        paramBytes: t.paramBytes + c.paramBytes,
      }),
      { statements: 0, reads: 0, writes: 0, roundTrips: 0, rowsRead: 0, rowsWritten: 0, withoutMeta: 0, paramBytes: 0 },
    );
  const d1 = sumD1(Object.values(s.d1));
  const d1Replica = sumD1(Object.entries(s.d1).filter(([binding]) => binding.endsWith(REPLICA_SUFFIX)).map(([, c]) => c));
  const mapValues = <T, U>(table: Record<string, T>, f: (v: T, k: string) => U) => Object.fromEntries(Object.entries(table).map(([k, v]) => [k, f(v, k)]));
  return {
    runs,
    workerInvocations: per(handlerCalls + workflowInstances),
    d1: mapValues(d1, per) as D1PerRun,
    d1Replica: mapValues(d1Replica, per) as D1PerRun,
    d1StoredBytes: per(m.stored.d1),
    objects: mapValues(s.durableObjects, (c, name) => ({
      requests: per(c.requests),
      bytes: per(c.bytes),
      objects: c.objects,
      busiestShare: c.requests > 0 ? c.busiestObjectRequests / c.requests : 0,
      storedBytes: per(m.stored.objects[name] ?? 0),
    })),
    queues: mapValues(s.queues, (c) => ({ messages: per(c.messages), bytes: c.messages > 0 ? c.bytes / c.messages : 0 })),
    r2: mapValues(s.r2, (c) => ({ classA: per(c.puts + c.lists + c.multipart), classB: per(c.gets + c.heads), deletes: per(c.deletes), putBytes: per(c.putBytes) })),
    workflows: mapValues(s.workflows, (c, name) => ({ creates: per(c.creates), storedBytes: per(m.stored.workflows[name] ?? 0) })),
  };
}

/** Cloudflare's limits the run plane must stay well under (/work/shared/spec/cloudflare-limits.md; docs/scale.md cites each). */
export const LIMITS = {
  d1QueriesPerSecond: { value: 1_000, source: "https://developers.cloudflare.com/d1/platform/limits/", note: "one database runs one query at a time: ≈ 1,000/s at 1 ms each" },
  d1ReplicaQueriesPerSecond: {
    value: 1_000,
    source: "https://developers.cloudflare.com/d1/best-practices/read-replication/",
    note: "a read replica is a copy of the database: taken as the primary's ≈ 1,000/s, for one replica alone",
  },
  d1DatabaseBytes: { value: 10 * GB, source: "https://developers.cloudflare.com/d1/platform/limits/", note: "10 GB per database, not raisable" },
  objectRequestsPerSecond: { value: 1_000, source: "https://developers.cloudflare.com/durable-objects/platform/limits/", note: "soft limit of one object (one thread)" },
  objectStorageBytes: { value: 10 * GB, source: "https://developers.cloudflare.com/durable-objects/platform/limits/", note: "SQLite storage per object" },
  queueMessagesPerSecond: { value: 5_000, source: "https://developers.cloudflare.com/queues/platform/limits/", note: "per queue" },
  workflowCreatesPerSecond: { value: 100, source: "https://developers.cloudflare.com/workflows/reference/limits/", note: "per workflow (300/s per account); 429 beyond" },
} as const;

export interface LimitCheck {
  /** What is limited, e.g. "D1 queries/s (the primary)". */
  name: string;
  projected: number;
  limit: number;
  unit: string;
  ratio: number;
  /** How the projection was made, in a few words. */
  basis: string;
  source: string;
}

const check = (name: string, projected: number, limit: { value: number; source: string }, unit: string, basis: string): LimitCheck => ({
  name,
  projected,
  limit: limit.value,
  unit,
  ratio: projected / limit.value,
  basis,
  source: limit.source,
});

/** Every limit the issue names, at the workload's peak and retention; a product absent from this code shows as 0. */
export function checkLimits(run: PerRun, w: Workload): LimitCheck[] {
  const peak = w.peakRunsPerSecond;
  const f = (n: number) => Number(n.toPrecision(3)).toLocaleString("en-US");
  const primary = run.d1.statements - run.d1Replica.statements;
  const rows: LimitCheck[] = [
    check("D1 queries/s (the primary)", peak * primary, LIMITS.d1QueriesPerSecond, "queries/s", `${peak} runs/s × ${f(primary)} statements a run`),
    check(
      "D1 queries/s (one read replica)",
      peak * run.d1Replica.statements,
      LIMITS.d1ReplicaQueriesPerSecond,
      "queries/s",
      `${peak} runs/s × ${f(run.d1Replica.statements)} replica reads a run, as if every request came to one region`,
    ),
    check(
      "D1 storage (the one database)",
      retainedBytes(run.d1StoredBytes, w) / GB,
      { ...LIMITS.d1DatabaseBytes, value: LIMITS.d1DatabaseBytes.value / GB },
      "GB",
      `grows ${f((run.d1StoredBytes * w.runsPerMonth) / GB)} GB/month (${f(run.d1StoredBytes)} B a run), kept ${w.retentionDays} days`,
    ),
  ];
  const objects = Object.entries(run.objects).filter(([, o]) => o.requests > 0);
  for (const [name, o] of objects) {
    rows.push(
      check(`Durable Object requests/s, busiest ${name} object`, peak * o.requests * o.busiestShare, LIMITS.objectRequestsPerSecond, "requests/s", `${peak} runs/s × ${f(o.requests)} requests a run × ${f(o.busiestShare)} to the busiest of ${o.objects} objects`),
      check(
        `Durable Object storage, busiest ${name} object`,
        retainedBytes(o.storedBytes * o.busiestShare, w) / GB,
        { ...LIMITS.objectStorageBytes, value: LIMITS.objectStorageBytes.value / GB },
        "GB",
        `${f(o.storedBytes)} B stored a run × ${f(o.busiestShare)} × ${w.runsPerMonth / 1e6}M runs/month, kept ${w.retentionDays} days`,
      ),
    );
  }
  if (objects.length === 0) {
    rows.push(
      check("Durable Object requests/s, busiest object", 0, LIMITS.objectRequestsPerSecond, "requests/s", "no Durable Object requests in these runs"),
      check("Durable Object storage, busiest object", 0, { ...LIMITS.objectStorageBytes, value: LIMITS.objectStorageBytes.value / GB }, "GB", "no Durable Object requests in these runs"),
    );
  }
  const queues = Object.entries(run.queues).filter(([, q]) => q.messages > 0);
  for (const [name, q] of queues) rows.push(check(`Queue messages/s (${name})`, peak * q.messages, LIMITS.queueMessagesPerSecond, "messages/s", `${peak} runs/s × ${f(q.messages)} messages a run`));
  if (queues.length === 0) rows.push(check("Queue messages/s", 0, LIMITS.queueMessagesPerSecond, "messages/s", "no queue messages in these runs"));
  const workflows = Object.entries(run.workflows).filter(([, c]) => c.creates > 0);
  for (const [name, c] of workflows) rows.push(check(`Workflow creations/s (${name})`, peak * c.creates, LIMITS.workflowCreatesPerSecond, "instances/s", `${peak} runs/s × ${f(c.creates)} instances a run`));
  if (workflows.length === 0) rows.push(check("Workflow creations/s", 0, LIMITS.workflowCreatesPerSecond, "instances/s", "no Workflow instances in these runs"));
  return rows;
}
