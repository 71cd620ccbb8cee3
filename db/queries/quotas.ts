// What a workspace uses against its limits, and its own limits where it has any.
import { and, count, eq } from "drizzle-orm";
import { bundle, workspaceQuota } from "../schema";
import type { WorkspaceScope } from "./workspace-scope";

export async function workspaceQuotaOverrides(s: WorkspaceScope) {
  return s.db.query.workspaceQuota.findFirst({ where: eq(workspaceQuota.workspaceId, s.workspaceId) });
}

export async function countBundles(s: WorkspaceScope): Promise<number> {
  const [row] = await s.db.select({ n: count() }).from(bundle).where(eq(bundle.workspaceId, s.workspaceId));
  return row?.n ?? 0;
}
