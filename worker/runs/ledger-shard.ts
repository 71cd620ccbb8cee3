// Which of a split workspace's ledgers (docs/scale.md) holds what: a bundle's runs and events
// stay in one shard, chosen by bundle, unless the bundle is spread (ledger_spread): then by
// bundle and event, so each event still stays in one ledger. No imports: the scale bench puts
// simulated events through these very functions (bench/lib/ledger-plan.ts).

/** The shard a bundle's runs live in, for a workspace split into `shards` ledgers: the bundle's home shard. */
export function shardOf(bundleId: string, shards: number): number {
  return shards <= 1 ? 0 : fnv1a(bundleId) % shards;
}

/**
 * The shard a run is recorded in: its bundle's home shard, or for a spread bundle a shard by
 * bundle and event, so the bundle's runs split evenly over all shards while one event always
 * lands in one (its idempotency stays one ledger's transaction). `eventKey` must be the part of
 * the event's key that every key of the same event shares (a dedupe window's bucket left out).
 */
export function runShardOf(bundleId: string, eventKey: string, shards: number, spread: boolean): number {
  if (!spread) return shardOf(bundleId, shards);
  return shards <= 1 ? 0 : fnv1a(`${bundleId}\u0000${eventKey}`) % shards;
}

/** FNV-1a over the string's UTF-16 code units, unsigned. */
function fnv1a(text: string): number {
  let h = 2166136261;
  for (const ch of text) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  return h >>> 0;
}
