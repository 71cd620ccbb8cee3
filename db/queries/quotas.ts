// What a workspace uses against its limits, and its own limits where it has any.
import { and, count, eq, max } from "drizzle-orm";
import { bundle, organization, workspaceQuota, workspaceSettings, workspaceUsage } from "../schema";
import { ledgerLayoutFrom } from "./settings";
import type { WorkspaceScope } from "./workspace-scope";

/**
 * The workspace's own limits (undefined: the defaults) and how its runs are laid over run
 * ledgers (how many, which decides each ledger's share of the runs quota, and the spread
 * bundles): one read for the intake.
 */
export async function workspaceLimitSettings(s: WorkspaceScope) {
  const [row] = await s.db
    .select({ quota: workspaceQuota, ledgerShards: workspaceSettings.ledgerShards, ledgerSpread: workspaceSettings.ledgerSpread })
    .from(organization)
    .leftJoin(workspaceQuota, eq(workspaceQuota.workspaceId, organization.id))
    .leftJoin(workspaceSettings, eq(workspaceSettings.workspaceId, organization.id))
    .where(eq(organization.id, s.workspaceId))
    .limit(1);
  return { quota: row?.quota ?? undefined, ledger: ledgerLayoutFrom(row) };
}

export async function countBundles(s: WorkspaceScope): Promise<number> {
  const [row] = await s.db.select({ n: count() }).from(bundle).where(eq(bundle.workspaceId, s.workspaceId));
  return row?.n ?? 0;
}

/** The most runs any one ledger shard of the workspace counted in `month`, from the copies the ledgers make (≤ 5 minutes old). */
export async function busiestShardRuns(s: WorkspaceScope, month: string): Promise<number> {
  const [row] = await s.db
    .select({ runs: max(workspaceUsage.runs) })
    .from(workspaceUsage)
    .where(and(eq(workspaceUsage.workspaceId, s.workspaceId), eq(workspaceUsage.month, month)));
  return row?.runs ?? 0;
}
