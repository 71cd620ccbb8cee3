// What a workspace uses against its limits, and its own limits where it has any.
import { and, count, eq } from "drizzle-orm";
import { bundle, workspaceQuota, workspaceUsage } from "../schema";
import type { WorkspaceScope } from "./workspace-scope";

export async function workspaceQuotaOverrides(s: WorkspaceScope) {
  return s.db.query.workspaceQuota.findFirst({ where: eq(workspaceQuota.workspaceId, s.workspaceId) });
}

/** "2026-11": the key of `workspace_usage` rows, the calendar month (UTC) of `at`. */
export const usageMonth = (at: Date) => at.toISOString().slice(0, 7);

/** Runs started in the calendar month (UTC) of `at`. */
export async function countRunsInMonth(s: WorkspaceScope, at: Date): Promise<number> {
  const row = await s.db.query.workspaceUsage.findFirst({
    where: and(eq(workspaceUsage.workspaceId, s.workspaceId), eq(workspaceUsage.month, usageMonth(at))),
  });
  return row?.runs ?? 0;
}

export async function countBundles(s: WorkspaceScope): Promise<number> {
  const [row] = await s.db.select({ n: count() }).from(bundle).where(eq(bundle.workspaceId, s.workspaceId));
  return row?.n ?? 0;
}
