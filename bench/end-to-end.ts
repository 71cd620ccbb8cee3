// End to end: webhook → run finished for a 5-step bundle (find, router, create, if, notify)
// against the amoCRM and Telegram doubles with no added latency. Latency and the engine's
// overhead per step come from runs one at a time, taking turns with the same hops on a bare
// Worker (the floor, bench/floor/): what the local runtime itself costs for them in this run;
// throughput from a burst of deliveries.
import { Api } from "./lib/api.ts";
import { person, runTag } from "./lib/contacts.ts";
import { admin, doubleUrl, type BenchContext } from "./lib/context.ts";
import { startFloor } from "./lib/floor.ts";
import { httpMs, runBurst, runOneAtATime, stepLogs } from "./lib/runs.ts";
import { percentile, round } from "./lib/stats.ts";
import type { Row } from "./lib/table.ts";

const BENCH = "End to end (5 steps)";
const SEQUENTIAL = 200;
const BURST = 100;
/** amoCRM allows 7 requests/s per account and the engine keeps to it: 2 calls a run → one run per 300 ms unthrottled. */
const PACE_MS = 300;

export async function endToEnd(ctx: BenchContext): Promise<Row[]> {
  await admin(ctx, "amocrm.fake", "reset", {});
  await admin(ctx, "amocrm.fake", "knobs", { rps: 1_000_000 }); // the double itself never throttles
  const api = await Api.signUp(ctx.svyazka.url, "e2e");
  const amo = await api.connection("amocrm", { base_url: doubleUrl(ctx, "amocrm.fake"), access_token: "test-token" });
  const tg = await api.connection("telegram", { base_url: doubleUrl(ctx, "telegram.fake"), bot_token: "123456:TEST-token_abc" });
  const document = {
    name: "Lead → amoCRM → Telegram",
    trigger: { id: "lead", app: "webhook", event: "catch" },
    steps: [
      { id: "find", kind: "action", app: "amocrm", action: "find_contact", connection: amo, input: { query: "{{lead.phone}}" } },
      { id: "route", kind: "router", routes: [{ when: { left: "{{find.id}}", op: "not_empty" }, goto: "check" }], otherwise: "create" },
      { id: "create", kind: "action", app: "amocrm", action: "create_contact", connection: amo, input: { name: "{{lead.name}}", phone: "{{lead.phone}}", email: "{{lead.email}}" } },
      {
        id: "check",
        kind: "if",
        when: { left: "{{create.id}}", op: "not_empty" },
        then: [{ id: "notify", kind: "action", app: "telegram", action: "send_message", connection: tg, input: { chat_id: "-100123", text: "New contact {{lead.name}}: {{create.id}}" } }],
      },
    ],
  };
  const tag = runTag();
  const single = await api.enabledBundle(document);

  // One at a time: the latency of a run on an idle system, and where its time goes.
  const latencies: number[] = [];
  const queued: number[] = [];
  const overheadPerStep: number[] = [];
  const executorPerStep: number[] = [];
  let executedSteps = 0;
  const sequential = Array.from({ length: SEQUENTIAL }, (_, i) => person(i, tag));
  const floor = await startFloor();
  const floorRuns: number[] = [];
  let oneByOne;
  try {
    await floor.run(PACE_MS); // its first run loads the Worker
    oneByOne = await runOneAtATime(api, single, sequential, PACE_MS, async () => void floorRuns.push(await floor.run(PACE_MS)));
    floorRuns.push(await floor.run(PACE_MS));
  } finally {
    await floor.stop();
  }
  for (const { run, sent } of oneByOne) {
    const total = Date.parse(run.finished_at!) - sent;
    const steps = (await stepLogs(api, run.id)).filter((s) => s.status === "ok");
    executedSteps = steps.length;
    latencies.push(total);
    queued.push(Date.parse(run.started_at!) - sent);
    const inDoubles = steps.reduce((sum, s) => sum + httpMs(s), 0);
    overheadPerStep.push((total - inDoubles) / steps.length);
    // The same without the way in (webhook, ledger record, queue): both ends stamped by the Worker.
    executorPerStep.push((Date.parse(run.finished_at!) - Date.parse(run.started_at!) - inDoubles) / steps.length);
  }

  // A burst into a copy of the bundle: deliveries 10 at a time.
  const burst = await runBurst(api, await api.enabledBundle(document), Array.from({ length: BURST }, (_, i) => person(SEQUENTIAL + i, tag)), 10);
  const burstLatency = burst.runs.map((r) => Date.parse(r.finished_at!) - Date.parse(r.created_at));

  return [
    { bench: BENCH, metric: `webhook → run finished, one run at a time (${SEQUENTIAL} runs)`, value: `p50 ${round(percentile(latencies, 50))} ms · p99 ${round(percentile(latencies, 99))} ms`, note: `${executedSteps} steps executed per run` },
    { bench: BENCH, metric: "of which webhook → run started (recorded, queued, picked up)", value: `p50 ${round(percentile(queued, 50))} ms · p99 ${round(percentile(queued, 99))} ms` },
    { bench: BENCH, metric: "engine overhead per step (total − time in the doubles)", value: `p50 ${round(percentile(overheadPerStep, 50))} ms · p99 ${round(percentile(overheadPerStep, 99))} ms`, note: `target < 5 ms: ${percentile(overheadPerStep, 50) < 5 ? "met" : "missed"} (p50)` },
    {
      bench: BENCH,
      metric: `the same hops on a bare Worker (the floor, bench/floor/), ${SEQUENTIAL} runs taking turns with the above`,
      value: `p50 ${round(percentile(floorRuns, 50))} ms a run · ${round(percentile(floorRuns, 50) / executedSteps)} ms a step`,
      note: "record, queue, take, 3 reservations, 2 step writes, finish: the local runtime's cost for the hops the engine makes",
    },
    {
      bench: BENCH,
      metric: "engine overhead a run / the floor's (p50s)",
      value: round(percentile(overheadPerStep, 50) * executedSteps / percentile(floorRuns, 50)),
      note: `the engine's own share: ${round(percentile(overheadPerStep, 50) - percentile(floorRuns, 50) / executedSteps)} ms a step`,
    },
    { bench: BENCH, metric: "of which the executor's, per step (run started → finished − time in the doubles)", value: `p50 ${round(percentile(executorPerStep, 50))} ms · p99 ${round(percentile(executorPerStep, 99))} ms`, note: "the take, the step writes and the finish; the run's way in is the row above" },
    { bench: BENCH, metric: `throughput, burst of ${BURST} deliveries`, value: `${round(burst.runsPerSecond)} runs/s`, note: `stored → finished p50 ${round(percentile(burstLatency, 50))} ms · p99 ${round(percentile(burstLatency, 99))} ms; amoCRM's 7 requests/s per account allows at most 3.5 runs/s (2 calls a run)` },
    ...(burst.failed.length ? [{ bench: BENCH, metric: "burst runs not successful", value: String(burst.failed.length), note: `first: ${burst.failed[0].error}` }] : []),
  ];
}
