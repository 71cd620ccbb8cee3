// HTTP load with autocannon: a fixed number of requests over a fixed number of connections.
// A count rather than a duration, because locally a webhook's answers can arrive in batches
// seconds apart, and autocannon drops the requests still in flight when a duration ends.
import autocannon from "autocannon";

export interface LoadResult {
  /** Successful (2xx) responses per second. */
  rps: number;
  p50: number;
  p99: number;
  ok: number;
  /** Non-2xx answers plus connection errors and timeouts. */
  failed: number;
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
  const result = await autocannon({
    url: options.url,
    method: options.method ?? "GET",
    connections: options.connections,
    amount: options.requests,
    // a slow answer is a figure, not an error: count it rather than drop it at the default 10 s
    timeout: 60,
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body), headers: { "content-type": "application/json" } }),
    ...(options.paths ? { requests: options.paths.map((path) => ({ path })) } : {}),
  });
  return {
    rps: result["2xx"] / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    ok: result["2xx"],
    failed: result.non2xx + result.errors,
  };
}

/** A short run first, so caches, JIT and connection pools are warm when the measured one starts. */
export async function warmThenLoad(options: LoadOptions): Promise<{ warm: LoadResult; measured: LoadResult }> {
  const warm = await load({ ...options, connections: Math.min(10, options.connections), requests: 20 });
  return { warm, measured: await load(options) };
}
