// The per-URL rate limit of webhook deliveries, kept in the workspace's ledger (which every
// delivery reaches anyway): a token bucket per bundle that refills at the workspace's rate and
// holds BURST_SECONDS of it, so a short burst far above the rate is taken whole while a
// sustained flood is held to the rate. In memory: a restarted object starts with full buckets.
const BURST_SECONDS = 30;

export class DeliveryBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  /** Takes one delivery: 0 when allowed, else the milliseconds until one would be. */
  take(key: string, perSecond: number, now: number): number {
    const capacity = perSecond * BURST_SECONDS;
    const bucket = this.buckets.get(key) ?? { tokens: capacity, at: now };
    bucket.tokens = Math.min(capacity, bucket.tokens + ((now - bucket.at) / 1000) * perSecond);
    bucket.at = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.ceil(((1 - bucket.tokens) / perSecond) * 1000);
  }
}
