// HTTP load with autocannon: a fixed number of requests over a fixed number of connections.
// A count rather than a duration, because locally a webhook's answers can arrive in batches
// seconds apart, and autocannon drops the requests still in flight when a duration ends.
import autocannon from "autocannon";
import { percentile } from "./stats.ts";

export interface LoadResult {
  /** Successful (2xx) responses per second. */
  rps: number;
  p50: number;
  p99: number;
  ok: number;
  /** Non-2xx answers plus connection errors and timeouts. */
  failed: number;
  /** How long the load took, seconds. */
  seconds: number;
  /** Every answer's latency in ms, so several loads can be read as one (combineLoads). */
  latencies: number[];
}

export interface LoadOptions {
  url: string;
  /** Paths on `url`'s origin to spread the requests over, in turn (one per request). */
  paths?: string[];
  method?: "GET" | "POST";
  body?: unknown;
  connections: number;
  requests: number;
}

export async function load(options: LoadOptions): Promise<LoadResult> {
  const latencies: number[] = [];
  // Timed here, from the start to the last answer: autocannon's own duration ends at its next
  // sampling tick (once a second), which added up to a second to every load.
  const startedAt = performance.now();
  let lastAnswerAt = startedAt;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: options.url,
        method: options.method ?? "GET",
        connections: options.connections,
        amount: options.requests,
        // a slow answer is a figure, not an error: count it rather than drop it at the default 10 s
        timeout: 60,
        ...(options.body === undefined ? {} : { body: JSON.stringify(options.body), headers: { "content-type": "application/json" } }),
        ...(options.paths ? { requests: options.paths.map((path) => ({ path })) } : {}),
      },
      (err, res) => (err ? reject(err) : resolve(res)),
    );
    instance.on("response", (_client, _status, _bytes, responseTime) => {
      latencies.push(responseTime);
      lastAnswerAt = performance.now();
    });
  });
  const seconds = Math.max(lastAnswerAt - startedAt, 1) / 1000;
  return {
    rps: result["2xx"] / seconds,
    // From the recorded answers, as combineLoads reads them: one source for every figure.
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    ok: result["2xx"],
    failed: result.non2xx + result.errors,
    seconds,
    latencies,
  };
}

/** Several loads of one kind read as one: req/s over their summed time, percentiles over all their answers. */
export function combineLoads(parts: LoadResult[]): LoadResult {
  const latencies = parts.flatMap((p) => p.latencies);
  const ok = parts.reduce((n, p) => n + p.ok, 0);
  const seconds = parts.reduce((n, p) => n + p.seconds, 0);
  return { rps: ok / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99), ok, failed: parts.reduce((n, p) => n + p.failed, 0), seconds, latencies };
}

/** A short run of the same requests, so caches, JIT and connection pools are warm when the measured one starts. */
export function warmUp(options: LoadOptions): Promise<LoadResult> {
  return load({ ...options, connections: Math.min(10, options.connections), requests: 20 });
}

export async function warmThenLoad(options: LoadOptions): Promise<{ warm: LoadResult; measured: LoadResult }> {
  const warm = await warmUp(options);
  return { warm, measured: await load(options) };
}
