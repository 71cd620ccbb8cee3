// How code reaches a workspace's run ledger. The object's name is the workspace id; a
// workspace split over several ledgers (docs/scale.md) names its shards "<workspace>/<n>",
// chosen by bundle, so one bundle's runs and events always stay in one ledger — unless the
// bundle is spread (ledger_spread): then by bundle and event, so each event still stays in one
// ledger. Readers go through workspace-ledgers.ts, which asks every shard a run may be in.
import type { Env } from "../env";
import type { RunLedger } from "./ledger-object";

export function ledgerName(workspaceId: string, shard = 0): string {
  return shard === 0 ? workspaceId : `${workspaceId}/${shard}`;
}

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

type PublicMethods = Exclude<keyof RunLedger, keyof DurableObject | "alarm">;

/**
 * The ledger's RPC methods as the callers see them. workers-types turns values it cannot prove
 * serialisable (JSON columns typed `unknown`) into `never`; the rows are plain data, so the
 * class's own signatures are the honest types.
 */
export type Ledger = { [K in PublicMethods]: RunLedger[K] extends (...args: infer A) => infer R ? (...args: A) => Promise<Awaited<R>> : never };

export function ledgerOf(env: Pick<Env, "RUN_LEDGER">, workspaceId: string, shard = 0): Ledger {
  return env.RUN_LEDGER.get(env.RUN_LEDGER.idFromName(ledgerName(workspaceId, shard))) as unknown as Ledger;
}
