// OAuth authorizations in flight. Started inside a workspace (scoped insert); the callback
// knows only the state, so it looks the row up by the state's hash and learns the workspace
// from it, then checks the signed-in user against the row before anything else.
import { and, eq, gt, isNull, lt } from "drizzle-orm";
import type { Database } from "../client";
import { oauthState } from "../schema";
import type { WorkspaceScope } from "./workspace-scope";

export type OAuthStateRow = typeof oauthState.$inferSelect;

export async function insertOAuthState(s: WorkspaceScope, row: Omit<typeof oauthState.$inferInsert, "workspaceId" | "usedAt" | "createdAt">) {
  await s.db.insert(oauthState).values({ ...row, workspaceId: s.workspaceId });
}

export async function findOAuthState(db: Database, stateHash: string): Promise<OAuthStateRow | undefined> {
  return db.query.oauthState.findFirst({ where: eq(oauthState.stateHash, stateHash) });
}

/** Marks the state used; false when it already was, or has expired (single use, one winner). */
export async function claimOAuthState(db: Database, stateHash: string, now = new Date()): Promise<boolean> {
  const claimed = await db
    .update(oauthState)
    .set({ usedAt: now })
    .where(and(eq(oauthState.stateHash, stateHash), isNull(oauthState.usedAt), gt(oauthState.expiresAt, now)))
    .returning({ stateHash: oauthState.stateHash });
  return claimed.length === 1;
}

/** Forgets states that expired before `before` (kept a while so a late callback still learns why it failed). */
export async function deleteOAuthStatesExpiredBefore(db: Database, before: Date) {
  await db.delete(oauthState).where(lt(oauthState.expiresAt, before));
}
