// How code reaches a workspace's run ledger. The object's name is the workspace id; a
// workspace split over several ledgers (docs/scale.md) names its shards "<workspace>/<n>",
// chosen by bundle, so one bundle's runs and events always stay in one ledger. Readers of a
// whole workspace go through workspace-ledgers.ts, which asks every shard.
import type { Env } from "../env";
import type { RunLedger } from "./ledger-object";

export function ledgerName(workspaceId: string, shard = 0): string {
  return shard === 0 ? workspaceId : `${workspaceId}/${shard}`;
}

/** The shard a bundle's runs live in, for a workspace split into `shards` ledgers. */
export function shardOf(bundleId: string, shards: number): number {
  if (shards <= 1) return 0;
  let h = 2166136261;
  for (const ch of bundleId) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  return (h >>> 0) % shards;
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
