// What a workspace uses against its limits, and its own limits where it has any.
import { and, count, eq, gte } from "drizzle-orm";
import { bundle, run, workspaceQuota } from "../schema";
import type { WorkspaceScope } from "./workspace-scope";

export async function workspaceQuotaOverrides(s: WorkspaceScope) {
  return s.db.query.workspaceQuota.findFirst({ where: eq(workspaceQuota.workspaceId, s.workspaceId) });
}

export async function countRunsSince(s: WorkspaceScope, since: Date): Promise<number> {
  const [row] = await s.db.select({ n: count() }).from(run).where(and(eq(run.workspaceId, s.workspaceId), gte(run.createdAt, since)));
  return row?.n ?? 0;
}

export async function countBundles(s: WorkspaceScope): Promise<number> {
  const [row] = await s.db.select({ n: count() }).from(bundle).where(eq(bundle.workspaceId, s.workspaceId));
  return row?.n ?? 0;
}
