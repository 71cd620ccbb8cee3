// Scale: many workspaces with Zipf-distributed traffic through the real code, with the platform
// meter on (worker/meter/). Counts per run what the Worker asked of D1, Durable Objects, Queues,
// R2 and Workflows, plus what the local stores grew by; projects that to 100M runs a month
// (400 runs/s at peak, 10,000 workspaces, the busiest 5%) against Cloudflare's limits, and
// prices the month. Runs its own Svyazka (METER=true, fresh state) so other benches' data
// do not count. docs/scale.md explains the model and holds the results.
import { readFileSync } from "node:fs";
import path from "node:path";
import { root } from "../scripts/lib/run.ts";
import { startSvyazka, type RunningSvyazka } from "../scripts/lib/svyazka-server.ts";
import type { MeterSnapshot } from "../worker/meter/counters.ts";
import { Api, ApiError, deliver } from "./lib/api.ts";
import { admin, doubleUrl, sleep, type BenchContext } from "./lib/context.ts";
import { stepLogs, waitForRuns } from "./lib/runs.ts";
import { ASSUMED, monthlyBill } from "./lib/scale-bill.ts";
import { checkLimits, GB, meanRunsPerSecond, perRun, TARGET, type Measured } from "./lib/scale-projection.ts";
import { growth, stateSizes } from "./lib/state-size.ts";
import { busiestPlannedShare, busiestShareAtVolume, EVENTS_AT_VOLUME, planShards, STEADY_BYTES } from "./lib/ledger-plan.ts";
import { LEAD_MESSAGE, webhookLead } from "./lib/webhook-lead.ts";
import { round } from "./lib/stats.ts";
import type { Row } from "./lib/table.ts";
import { boundClasses } from "./lib/wrangler-bindings.ts";
import { allocate, deliveryOrder, zipfWeights } from "./lib/zipf.ts";

const BENCH = "Scale";
const STEPS = 5;
/** Deliveries in flight at once. */
const PARALLEL = 8;
const METER_PATH = "/api/v1/internal/meter";
/**
 * The ledger storage a run takes, rounded up from the last measurements (8,249 B on 2026-12-05
 * over 215 ledgers; 9,925 B on 2026-12-06 over 348, where each small shard's partly used pages
 * weigh more): what the ledgers' split rule is applied with before the load
 * (bench/lib/ledger-plan.ts). In production the rule reads each ledger's own growth; the report
 * sets the figure measured in this run beside this one.
 */
const PLANNED_BYTES_PER_RUN = 10_000;
/** Warm-up deliveries per shard of a split workspace, so nearly every shard exists before the meter starts. */
const WARM_UPS_PER_SHARD = 2;

interface Workspace {
  api: Api;
  bundle: { id: string; hookUrl: string };
  shards: number;
}

export async function scale(ctx: BenchContext): Promise<Row[]> {
  const { scaleRuns: runs, scaleWorkspaces: workspaceCount } = ctx.options;
  const svyazka = await startSvyazka({ tempPrefix: "svyazka-scale-", vars: { METER: "true" }, skipBuild: true });
  try {
    return await measure(ctx, svyazka, runs, workspaceCount);
  } finally {
    await svyazka.stop();
  }
}

async function measure(ctx: BenchContext, svyazka: RunningSvyazka, runs: number, workspaceCount: number): Promise<Row[]> {
  const meter = meterClient(svyazka.url);
  const weights = zipfWeights(workspaceCount, 1, TARGET.busiestShare);
  const plan = planShards(weights, TARGET, PLANNED_BYTES_PER_RUN);
  const counts = allocate(runs, weights);
  const order = deliveryOrder(counts);

  const setupStart = Date.now();
  const workspaces = await createWorkspaces(svyazka.url, doubleUrl(ctx, "telegram.fake"), plan);
  const setupSeconds = (Date.now() - setupStart) / 1000;

  // Warm-up runs first, so every ledger (nearly every shard of a split one) exists and the load
  // measures the steady state (a new ledger's SQLite file and first connection read are not a run's cost).
  const warmUp = workspaces.flatMap((w) => Array.from({ length: w.shards > 1 ? w.shards * WARM_UPS_PER_SHARD : 1 }, () => w.bundle));
  await admin(ctx, "telegram.fake", "reset", {});
  let deliveries = 0; // every delivery a payload of its own
  await inParallel(warmUp, PARALLEL, (b) => deliver(b.hookUrl, webhookLead(deliveries++)));
  await waitUntilQuiet(ctx, meter, warmUp.length * STEPS);

  await admin(ctx, "telegram.fake", "reset", {});
  const before = await stateSizes(svyazka.stateDir);
  await meter.reset();
  const loadStart = Date.now();
  await inParallel(order, PARALLEL, (i) => deliver(workspaces[i].bundle.hookUrl, webhookLead(deliveries++)));
  const sentSeconds = (Date.now() - loadStart) / 1000;
  await waitUntilQuiet(ctx, meter, runs * STEPS);
  const doneSeconds = (Date.now() - loadStart) / 1000;
  const snapshot = await meter.read();
  const meterReads = meter.reads();
  const stored = growth(before, await stateSizes(svyazka.stateDir));

  // Every run finished and succeeded (read through the API only now: its reads would count).
  const finished = await Promise.all(workspaces.map((w, i) => waitForRuns(w.api, w.bundle.id, counts[i] + (w.shards > 1 ? w.shards * WARM_UPS_PER_SHARD : 1), 120_000, 500)));
  const failed = finished.flat().filter((r) => r.status !== "success");
  const sample = finished[0][0];
  const sampleSteps = await stepLogs(workspaces[0].api, sample.id);
  const after = await meter.read();
  const lateWrites = writesOf(after) - writesOf(snapshot);

  const classes = boundClasses(readFileSync(path.join(root, "wrangler.toml"), "utf8"));
  const measured: Measured = {
    snapshot,
    runs,
    meterReads,
    workflowClasses: classes.workflows.map((w) => w.className),
    stored: {
      d1: sumWhere(stored, (store) => store.startsWith("d1/")),
      objects: Object.fromEntries(classes.durableObjects.map((d) => [d.binding, sumWhere(stored, (store) => store.startsWith("do/") && store.endsWith(`-${d.className}`))])),
      workflows: Object.fromEntries(classes.workflows.map((w) => [w.binding, sumWhere(stored, (store) => store.includes(w.name ?? w.className) || store.startsWith("workflows/"))])),
    },
  };
  console.error(`  store growth over the load (bytes): ${JSON.stringify(stored)}`);
  const run = perRun(measured);
  // The busiest ledger at the target volume, where a split workspace's deliveries hash evenly
  // over its shards; this run's few thousand hash far less evenly (shown beside it).
  const ledgers = run.objects.RUN_LEDGER;
  const atVolume = busiestShareAtVolume(weights, plan, workspaces.map((w) => w.bundle.id));
  const limits = checkLimits(ledgers ? { ...run, objects: { ...run.objects, RUN_LEDGER: { ...ledgers, busiestShare: atVolume } } } : run, TARGET);
  const bill = monthlyBill(run, TARGET);

  const f = (n: number) => round(n);
  const utf8 = (value: unknown) => Buffer.byteLength(JSON.stringify(value));
  const stepLogBytes = sampleSteps.reduce((sum, s) => sum + utf8(s), 0) / Math.max(1, sampleSteps.length);
  const rows: Row[] = [
    {
      bench: BENCH,
      metric: `${workspaces.length} workspaces × a webhook bundle of ${STEPS} Telegram steps, ${runs} deliveries after warm-up runs`,
      value: `${f(runs / doneSeconds)} runs/s`,
      note: `Zipf s=1, busiest ${f(weights[0] * 100)}% (${counts[0]} runs); sent in ${f(sentSeconds)} s, all finished in ${f(doneSeconds)} s; set-up ${f(setupSeconds)} s; ${failed.length ? `${failed.length} runs failed: ${failed[0].error}` : "every run succeeded"}${lateWrites ? `; ${lateWrites} writes came after the meter was read` : ""}`,
    },
    {
      bench: BENCH,
      metric: "ledgers split as their own rule would at the target",
      value: `${plan.filter((n) => n > 1).length} of ${plan.length} workspaces split, ${plan.reduce((a, b) => a + b, 0)} ledger objects`,
      note: `planned at ${PLANNED_BYTES_PER_RUN} B a run (measured in this run: ${f(run.objects.RUN_LEDGER?.storedBytes ?? 0)} B), ≤ ${STEADY_BYTES / GB} GB a shard, a split workspace's one bundle spread over its shards; shards ${plan.filter((n) => n > 1).join(",")}; the busiest object should carry ${f(busiestPlannedShare(weights, plan) * 100)}% of the runs; at the target volume it carries ${f(atVolume * 100)}% (the intake's key function over ${EVENTS_AT_VOLUME.toLocaleString("en-US")} simulated deliveries a split workspace; the limits below use this), in this run ${f((ledgers?.busiestShare ?? 0) * 100)}% (by requests: ${runs} events hash unevenly)`,
    },
    { bench: BENCH, metric: "payload sizes (measured)", value: `trigger ${f(utf8(sample.trigger))} B · step log ${f(stepLogBytes)} B`, note: "UTF-8 JSON as the API shows it (bench/lib/webhook-lead.ts: varied CRM-like leads); target mix: trigger ≈ 1 KB, step log ≈ 2 KB" },
    { bench: BENCH, metric: "per run: D1 statements", value: f(run.d1.statements), note: `${f(run.d1.reads)} reads, ${f(run.d1.writes)} writes, in ${f(run.d1.roundTrips)} round trips; ${f(run.d1.paramBytes)} B bound` },
    { bench: BENCH, metric: "per run: D1 rows", value: `${f(run.d1.rowsRead)} read · ${f(run.d1.rowsWritten)} written`, note: `from result meta; ${f(run.d1.withoutMeta)} statements a run return none (first/raw)` },
    { bench: BENCH, metric: "per run: D1 storage growth", value: `${f(run.d1StoredBytes)} B`, note: "local database files, tables and indexes" },
    ...Object.entries(run.objects).map(([name, o]) => ({ bench: BENCH, metric: `per run: ${name} Durable Object requests`, value: f(o.requests), note: `${f(o.bytes)} B sent; ${o.objects} objects, the busiest took ${f(o.busiestShare * 100)}%; ${f(o.storedBytes)} B stored a run` })),
    ...Object.entries(run.queues).map(([name, q]) => ({ bench: BENCH, metric: `per run: ${name} queue messages`, value: f(q.messages), note: `${f(q.bytes)} B each` })),
    ...Object.entries(run.r2).map(([name, b]) => ({ bench: BENCH, metric: `per run: ${name} R2 writes`, value: f(b.classA), note: `${f(b.putBytes)} B written; ${f(b.classB)} reads` })),
    ...Object.entries(run.workflows).map(([name, c]) => ({ bench: BENCH, metric: `per run: ${name} Workflow instances created`, value: f(c.creates), note: `${f(c.storedBytes)} B of Workflow state a run` })),
    { bench: BENCH, metric: "per run: Worker invocations", value: f(run.workerInvocations), note: `handler calls and Workflow instances: ${JSON.stringify(snapshot.entries)}` },
    ...limits.map((l) => ({
      bench: BENCH,
      metric: `limit: ${l.name}`,
      value: `ratio ${f(l.ratio)}`,
      note: `${f(l.projected)} of ${f(l.limit)} ${l.unit} (${l.basis}); target < 0.5: ${l.ratio < 0.5 ? "met" : "missed"}; ${l.source}`,
    })),
    ...bill.lines.filter((l) => l.usd > 0 || l.volume > 0).map((l) => ({
      bench: BENCH,
      metric: `bill: ${l.product}, ${l.item}`,
      value: usd(l.usd),
      note: `${f(l.volume)} ${l.unit} (${f(l.included)} included); ${l.source}`,
    })),
    {
      bench: BENCH,
      metric: `bill: total a month at ${TARGET.runsPerMonth / 1e6}M runs`,
      value: usd(bill.usd),
      note: `mean ${f(meanRunsPerSecond(TARGET))} runs/s, peak ${TARGET.peakRunsPerSecond}; assumed ${ASSUMED.cpuMsPerRun} CPU ms a run, ${ASSUMED.objectActiveMsPerRequest} ms active per object request, ${ASSUMED.objectRowsWrittenPerRequest} object rows written per request`,
    },
  ];
  return rows;
}

/** Signs up a user (a workspace) per planned entry, each with a Telegram connection and an enabled 5-step bundle, its ledger split as planned. */
async function createWorkspaces(base: string, telegramUrl: string, plan: number[]): Promise<Workspace[]> {
  const steps = Array.from({ length: STEPS }, (_, i) => ({
    id: `notify_${i + 1}`,
    kind: "action",
    app: "telegram",
    action: "send_message",
    input: { chat_id: "-100123", text: `${i + 1}/${STEPS} ${LEAD_MESSAGE}` },
  }));
  return inParallel(Array.from(plan.keys()), 4, async (i) =>
    withRetries(async () => {
      const api = await Api.signUp(base, `scale${i}`);
      const connection = await api.connection("telegram", { base_url: telegramUrl, bot_token: "123456:TEST-token_abc" });
      const bundle = await api.enabledBundle({
        name: `Lead → Telegram ×${STEPS}`,
        trigger: { id: "lead", app: "webhook", event: "catch" },
        steps: steps.map((s) => ({ ...s, connection })),
      });
      if (plan[i] > 1) await api.ws("PATCH", "/settings", { ledger_shards: plan[i], ledger_spread: [bundle.id] });
      return { api, bundle, shards: plan[i] };
    }),
  );
}


/** Until the doubles got every message and the meter stops moving (the runs' last writes land after their last message). */
async function waitUntilQuiet(ctx: BenchContext, meter: ReturnType<typeof meterClient>, messages: number) {
  const deadline = Date.now() + 15 * 60_000;
  while (Date.now() < deadline) {
    const state = await admin(ctx, "telegram.fake", "state");
    if (state.messages.length >= messages) break;
    await sleep(1_000);
  }
  let last = -1;
  while (Date.now() < deadline) {
    const now = statementsOf(await meter.read());
    if (now === last) return;
    last = now;
    await sleep(2_000);
  }
  throw new Error("the runs did not finish within 15 minutes");
}

function meterClient(base: string) {
  let reads = 0;
  const call = async (method: "GET" | "DELETE") => {
    const res = await fetch(new URL(METER_PATH, base), { method });
    if (!res.ok) throw new ApiError(`${method} ${METER_PATH} answered ${res.status}: is METER "true"?`);
    return (await res.json()) as MeterSnapshot;
  };
  return {
    async reset() {
      await call("DELETE"); // counted as a fetch, then wiped by the reset itself
      reads = 0;
    },
    async read() {
      reads += 1;
      return call("GET");
    },
    /** GETs since the reset, the last one included: each is a fetch in the counts it returns. */
    reads: () => reads,
  };
}

const usd = (n: number) => `$${n.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
const statementsOf = (s: MeterSnapshot) => Object.values(s.d1).reduce((sum, c) => sum + c.statements, 0);
const writesOf = (s: MeterSnapshot) => Object.values(s.d1).reduce((sum, c) => sum + c.writes, 0) + Object.values(s.workflows).reduce((sum, c) => sum + c.creates, 0);
const sumWhere = (sizes: Record<string, number>, match: (store: string) => boolean) => Object.entries(sizes).reduce((sum, [store, bytes]) => sum + (match(store) ? bytes : 0), 0);

/** Runs `task` over `items`, `limit` at a time; results in the items' order. */
async function inParallel<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await task(items[i]);
      }
    }),
  );
  return results;
}

/** Sign-ups and API calls under load may meet a 429 or a busy local runtime: try again a few times. */
async function withRetries<T>(task: () => Promise<T>, attempts = 5): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await task();
    } catch (err) {
      if (i >= attempts) throw err;
      await sleep(String(err).includes(" 429") ? 10_000 : 1_000 * i);
    }
  }
}

