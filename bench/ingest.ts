// Webhook ingest: POST /hooks/:token spread over 20 bundles' URLs at N concurrent connections,
// against the same load on GET /api/v1/health (the baseline: a minimal route of the same
// Worker, one D1 read) in the same run; the peak RSS of the local runtime while it lasts. The
// two take turns in rounds, so that a change in the machine's speed (other guests on its host
// move it by up to 1.5× within minutes) meets both alike; each round's runs finish before the
// next baseline starts, which would otherwise share the thread with them. Every accepted
// delivery must end as exactly one finished run; each round is timed from its first delivery
// to its last finished run. Then a burst of 2,000 deliveries to one URL over 50 connections,
// which the default per-URL rate must take whole.
import { Api } from "./lib/api.ts";
import type { BenchContext } from "./lib/context.ts";
import { combineLoads, load, warmUp, type LoadOptions, type LoadResult } from "./lib/load.ts";
import { sampleTreeRss } from "./lib/rss.ts";
import { waitForRuns, waitUntilIdle, type Run } from "./lib/runs.ts";
import { perSecond, round } from "./lib/stats.ts";
import type { Row } from "./lib/table.ts";

const BENCH = "Webhook ingest";
const URLS = 20;
const BURST = 2000;
/** Baseline and ingest take turns this many times, each with its share of the requests. */
const ROUNDS = 5;
const IDLE_TIMEOUT_MS = 30 * 60_000;

export const latency = (r: LoadResult) => `p50 ${round(r.p50)} ms · p99 ${round(r.p99)} ms`;
export const failures = (r: LoadResult) => (r.failed > 0 ? `${r.failed} failed requests` : "");

export async function ingest(ctx: BenchContext): Promise<Row[]> {
  const api = await Api.signUp(ctx.svyazka.url, "ingest");
  const bundles = [];
  for (let i = 0; i < URLS + 1; i++) {
    bundles.push(
      await api.enabledBundle({
        name: `Ingest ${i + 1}`,
        trigger: { id: "hook", app: "webhook", event: "catch" },
        steps: [{ id: "done", kind: "stop", reason: "{{hook.name}}" }],
      }),
    );
  }
  const [burstBundle, ...spread] = bundles;
  const { connections, requests } = ctx.options;
  const rss = sampleTreeRss(ctx.svyazka.pid);
  const health: LoadOptions = { url: `${ctx.svyazka.url}/api/v1/health`, connections, requests: Math.ceil(requests / ROUNDS) };
  const deliveries: LoadOptions = { ...health, url: ctx.svyazka.url, paths: spread.map((b) => new URL(b.hookUrl).pathname), method: "POST", body: { name: "Anna", phone: "+7 912 345-67-89" } };
  await warmUp(health);
  const warm = await warmUp(deliveries);
  await waitUntilIdle(api, IDLE_TIMEOUT_MS);
  const baselineRounds: LoadResult[] = [];
  const hookRounds: LoadResult[] = [];
  const windows: Array<{ start: number; end: number }> = [];
  for (let round = 0; round < ROUNDS; round++) {
    baselineRounds.push(await load(health));
    const start = Date.now();
    hookRounds.push(await load(deliveries));
    windows.push({ start, end: Date.now() });
    await waitUntilIdle(api, IDLE_TIMEOUT_MS);
  }
  const peak = rss.stop();
  const baseline = combineLoads(baselineRounds);
  const hooks = combineLoads(hookRounds);
  ctx.shared.ingestRps = hooks.rps;

  const accepted = warm.ok + hooks.ok;
  const runs: Run[] = [];
  for (const b of spread) runs.push(...(await waitForRuns(api, b.id, 0, IDLE_TIMEOUT_MS, 1000)));
  const ended = runs.filter((r) => r.finished_at).length;
  // Each round from its first delivery to the last finished run of the deliveries it sent.
  let roundsMs = 0;
  let roundsRuns = 0;
  for (const { start, end } of windows) {
    const own = runs.filter((r) => Date.parse(r.created_at) >= start && Date.parse(r.created_at) <= end && r.finished_at);
    roundsRuns += own.length;
    roundsMs += Math.max(...own.map((r) => Date.parse(r.finished_at!))) - start;
  }

  const burst = await load({ url: burstBundle.hookUrl, method: "POST", body: { name: "Burst" }, connections: 50, requests: BURST });
  // The burst's runs end before the next bench starts: its first runs would otherwise queue
  // behind them (a 7 s p99 in the end-to-end bench that followed).
  const burstRuns = (await waitForRuns(api, burstBundle.id, 0, 30 * 60_000, 1000)).filter((r) => r.finished_at).length;

  const ratio = hooks.rps / baseline.rps;
  const p99Ratio = hooks.p99 / baseline.p99;
  const roundRatios = hookRounds.map((h, i) => round(h.rps / baselineRounds[i].rps)).join(", ");
  return [
    { bench: BENCH, metric: `baseline GET /api/v1/health, ${requests} requests over ${connections} connections, in ${ROUNDS} rounds taking turns with the deliveries`, value: `${round(baseline.rps)} req/s`, note: [latency(baseline), failures(baseline)].filter(Boolean).join("; ") },
    { bench: BENCH, metric: `POST /hooks/:token over ${URLS} URLs, same load`, value: `${round(hooks.rps)} req/s`, note: [latency(hooks), failures(hooks)].filter(Boolean).join("; ") },
    { bench: BENCH, metric: "ingest / baseline", value: round(ratio), note: `target ≥ 0.5: ${ratio >= 0.5 ? "met" : "missed"}; round by round ${roundRatios}` },
    { bench: BENCH, metric: "ingest p99 / baseline p99", value: round(p99Ratio), note: `target ≤ 2: ${p99Ratio <= 2 ? "met" : "missed"}` },
    { bench: BENCH, metric: "accepted deliveries → finished runs (exactly one each)", value: `${accepted} → ${ended}`, note: ended === accepted && runs.length === accepted ? "every delivery one run" : `MISMATCH: ${runs.length} runs stored` },
    { bench: BENCH, metric: "end to end: each round's first delivery → its last finished run", value: `${round(perSecond(roundsRuns, roundsMs))} runs/s`, note: `${round(roundsMs / 1000)} s for ${roundsRuns} runs over ${ROUNDS} rounds` },
    { bench: BENCH, metric: `burst: ${BURST} deliveries to one URL over 50 connections (default 100/s per URL)`, value: `${burst.ok} of ${BURST} accepted`, note: `${burst.failed ? `${burst.failed} refused` : "none refused"}; ${burstRuns} runs finished${burstRuns === burst.ok ? ", one each" : ": MISMATCH"}` },
    { bench: "Memory", metric: "peak RSS of the local runtime during the ingest bench", value: peak === undefined ? "n/a" : `${round(peak / 2 ** 20)} MiB`, note: "start script + wrangler + workerd, sampled every 200 ms" },
  ];
}
