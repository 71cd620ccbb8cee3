// Webhook ingest: POST /hooks/:token at N concurrent connections, against the same load on
// GET /api/v1/health (the baseline: a minimal route of the same Worker, one D1 read) in the
// same run; plus the peak RSS of the local runtime while it lasts. Every accepted delivery is
// a stored run, so the bench then waits for them all and checks none was lost.
import { Api } from "./lib/api.ts";
import type { BenchContext } from "./lib/context.ts";
import { warmThenLoad, type LoadResult } from "./lib/load.ts";
import { sampleTreeRss } from "./lib/rss.ts";
import { waitForRuns } from "./lib/runs.ts";
import { round } from "./lib/stats.ts";
import type { Row } from "./lib/table.ts";

const BENCH = "Webhook ingest";

export const latency = (r: LoadResult) => `p50 ${round(r.p50)} ms · p99 ${round(r.p99)} ms`;
export const failures = (r: LoadResult) => (r.failed > 0 ? `${r.failed} failed requests` : "");

export async function ingest(ctx: BenchContext): Promise<Row[]> {
  const api = await Api.signUp(ctx.svyazka.url, "ingest");
  const { id, hookUrl } = await api.enabledBundle({
    name: "Ingest",
    trigger: { id: "hook", app: "webhook", event: "catch" },
    steps: [{ id: "done", kind: "stop", reason: "{{hook.name}}" }],
  });
  const { connections, requests } = ctx.options;
  const rss = sampleTreeRss(ctx.svyazka.pid);
  const baseline = await warmThenLoad({ url: `${ctx.svyazka.url}/api/v1/health`, connections, requests });
  const hooks = await warmThenLoad({ url: hookUrl, method: "POST", body: { name: "Anna", phone: "+7 912 345-67-89" }, connections, requests });
  const peak = rss.stop();
  ctx.shared.ingestRps = hooks.measured.rps;

  const accepted = hooks.warm.ok + hooks.measured.ok;
  const drainStart = Date.now();
  const runs = await waitForRuns(api, id, accepted, 30 * 60_000, 1000);
  const ratio = hooks.measured.rps / baseline.measured.rps;
  return [
    { bench: BENCH, metric: `baseline GET /api/v1/health, ${requests} requests over ${connections} connections`, value: `${round(baseline.measured.rps)} req/s`, note: [latency(baseline.measured), failures(baseline.measured)].filter(Boolean).join("; ") },
    { bench: BENCH, metric: `POST /hooks/:token, same load`, value: `${round(hooks.measured.rps)} req/s`, note: [latency(hooks.measured), failures(hooks.measured)].filter(Boolean).join("; ") },
    { bench: BENCH, metric: "ingest / baseline", value: round(ratio), note: `target ≥ 0.5: ${ratio >= 0.5 ? "met" : "missed"}` },
    { bench: BENCH, metric: "ingest p99", value: `${round(hooks.measured.p99)} ms`, note: `target < 100 ms: ${hooks.measured.p99 < 100 ? "met" : "missed"}` },
    { bench: BENCH, metric: "accepted deliveries → stored, finished runs", value: `${accepted} → ${runs.length}`, note: `drained in ${round((Date.now() - drainStart) / 1000)} s after the load` },
    { bench: "Memory", metric: "peak RSS of the local runtime during the ingest bench", value: peak === undefined ? "n/a" : `${round(peak / 2 ** 20)} MiB`, note: "start script + wrangler + workerd, sampled every 200 ms" },
  ];
}
