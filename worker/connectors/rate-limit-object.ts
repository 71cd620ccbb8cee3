// Per-account rate limits for outgoing calls (amoCRM allows 7 requests a second per
// account, across every run of every bundle): one Durable Object per limit key holds a
// token bucket. `take` reserves the next slot and says how long to wait for it, so callers
// queue fairly without polling. The bucket lives in memory: an evicted object starts full,
// which at worst allows one extra burst.
import { DurableObject } from "cloudflare:workers";
import type { RateLimiter } from "./http-client";

/** A token bucket that may go into debt: each take returns the ms until its token exists. */
export class TokenBucket {
  private tokens: number;
  private updatedAt: number;

  constructor(
    private ratePerSecond: number,
    private burst = Math.max(1, Math.floor(ratePerSecond)),
    now = Date.now(),
  ) {
    this.tokens = burst;
    this.updatedAt = now;
  }

  take(ratePerSecond: number, now = Date.now()): number {
    if (ratePerSecond !== this.ratePerSecond) {
      this.ratePerSecond = ratePerSecond;
      this.burst = Math.max(1, Math.floor(ratePerSecond));
    }
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.updatedAt) / 1000) * this.ratePerSecond);
    this.updatedAt = now;
    this.tokens -= 1;
    return this.tokens >= 0 ? 0 : Math.ceil((-this.tokens / this.ratePerSecond) * 1000);
  }
}

/** wrangler.toml: a Durable Object binding (e.g. CONNECTOR_RATE_LIMIT) to class ConnectorRateLimit. */
export class ConnectorRateLimit extends DurableObject {
  private buckets = new Map<string, TokenBucket>();

  /** Reserves one request under `key`; returns the milliseconds to wait before sending it. */
  async take(key: string, ratePerSecond: number): Promise<number> {
    if (!(ratePerSecond > 0)) return 0;
    let bucket = this.buckets.get(key);
    if (!bucket) this.buckets.set(key, (bucket = new TokenBucket(ratePerSecond)));
    return bucket.take(ratePerSecond);
  }
}

/** The HTTP client's limiter backed by the Durable Object: one object per key. Keys without a rate pass. */
export function durableRateLimiter(
  namespace: DurableObjectNamespace<ConnectorRateLimit>,
  sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)),
): RateLimiter {
  return {
    async acquire(key, ratePerSecond) {
      if (!ratePerSecond) return;
      const wait = await namespace.get(namespace.idFromName(key)).take(key, ratePerSecond);
      if (wait > 0) await sleep(wait);
    },
  };
}
