// Tenant isolation by type: every query on tenant-owned rows takes a WorkspaceScope, and the
// only way to get one is openWorkspaceScope(), which worker/http/access.ts calls after it has
// checked that the caller belongs to that workspace. A query without a scope does not compile.
import type { Database } from "../client";

declare const scopeBrand: unique symbol;

export interface WorkspaceScope {
  readonly db: Database;
  readonly workspaceId: string;
  readonly [scopeBrand]: true;
}

/**
 * Only for the access middleware (after membership has been verified), system jobs that act
 * for every workspace (the cron), and tests.
 */
export function openWorkspaceScope(db: Database, workspaceId: string): WorkspaceScope {
  return { db, workspaceId } as WorkspaceScope;
}
