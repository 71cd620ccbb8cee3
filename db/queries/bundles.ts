// Bundles of one workspace.
import { desc, eq } from "drizzle-orm";
import { bundle } from "../schema";
import type { WorkspaceScope } from "./workspace-scope";

export async function listBundles(s: WorkspaceScope) {
  return s.db
    .select({ id: bundle.id, name: bundle.name, enabled: bundle.enabled, version: bundle.version, updatedAt: bundle.updatedAt })
    .from(bundle)
    .where(eq(bundle.workspaceId, s.workspaceId))
    .orderBy(desc(bundle.updatedAt));
}
