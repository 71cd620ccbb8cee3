// Reaching into a workspace's run ledger from a test: its SQLite, as a crashed executor, a
// lost message or the passing of time would leave it, and its alarm. A workspace split over
// several ledgers is reached shard by shard (`shard`, 0 by default).
import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import type { RunnableVersion } from "../../../db/queries/bundles";
import { ledgerName, ledgerOf } from "../../../worker/runs/ledger";
import type { RunMessage } from "../../../worker/runs/run-message";

export function ledgerStub(workspaceId: string, shard = 0) {
  return env.RUN_LEDGER.get(env.RUN_LEDGER.idFromName(ledgerName(workspaceId, shard)));
}

/** Runs SQL inside the workspace's ledger and returns the rows. */
export async function ledgerSql(workspaceId: string, query: string, ...params: unknown[]): Promise<Record<string, unknown>[]> {
  return shardSql(workspaceId, 0, query, ...params);
}

/** Runs SQL inside one shard of the workspace's ledgers and returns the rows. */
export async function shardSql(workspaceId: string, shard: number, query: string, ...params: unknown[]): Promise<Record<string, unknown>[]> {
  return runInDurableObject(ledgerStub(workspaceId, shard), (_instance, state) => state.storage.sql.exec(query, ...params).toArray());
}

/** Fires the ledger's alarm now (retention, the stalled-run sweep, the usage copy to D1). */
export async function fireLedgerAlarm(workspaceId: string, shard = 0): Promise<boolean> {
  return runDurableObjectAlarm(ledgerStub(workspaceId, shard));
}

/**
 * Records a run of version 1 of the bundle in shard 0, as the intake does, but sends no queue
 * message: the test delivers it (with `bundle`, the version as the intake read it, if given).
 */
export async function recordRun(workspaceId: string, bundleId: string, trigger: Record<string, unknown>, bundle?: RunnableVersion): Promise<RunMessage> {
  const runId = `r_test_${crypto.randomUUID().replaceAll("-", "")}`;
  const outcome = await ledgerOf(env, workspaceId).record({
    workspaceId,
    shard: 0,
    run: { id: runId, bundleId, bundleVersion: 1, eventKey: `delivery-${runId}`, trigger },
    runsPerMonth: 1000,
  });
  if (outcome.kind !== "created") throw new Error(`run not recorded: ${outcome.kind}`);
  return { workspaceId, runId, ...(bundle && { bundle }) };
}
