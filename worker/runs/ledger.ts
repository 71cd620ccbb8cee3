// How code reaches a workspace's run ledger. The object's name is the workspace id; a
// workspace split over several ledgers (docs/scale.md) names its shards "<workspace>/<n>"
// (which shard holds what: ledger-shard.ts). Readers go through workspace-ledgers.ts, which
// asks every shard a run may be in.
import type { Env } from "../env";
import type { RunLedger } from "./ledger-object";

export function ledgerName(workspaceId: string, shard = 0): string {
  return shard === 0 ? workspaceId : `${workspaceId}/${shard}`;
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
