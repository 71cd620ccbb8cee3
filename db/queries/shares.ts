// Share links of one workspace, and the one lookup that crosses workspaces: a presented
// token's hash, which is how a public view learns the workspace (like webhook URLs).
import { and, desc, eq, isNull } from "drizzle-orm";
import type { Database } from "../client";
import { bundle, share } from "../schema";
import type { WorkspaceScope } from "./workspace-scope";

export type ShareRow = typeof share.$inferSelect;
export type FrameAncestors = "*" | string[];

export interface NewShare {
  id: string;
  bundleId: string;
  bundleVersion: number;
  name: string;
  document: unknown;
  tokenHash: string;
  tokenPrefix: string;
  frameAncestors: FrameAncestors;
  showRuns: number;
  createdBy: string | null;
  expiresAt: Date | null;
}

export async function insertShare(s: WorkspaceScope, row: NewShare) {
  const [created] = await s.db
    .insert(share)
    .values({ ...row, workspaceId: s.workspaceId })
    .returning({ createdAt: share.createdAt });
  return created;
}

/** Every link of the workspace, revoked and expired ones too, newest first, with the bundle's current name. */
export async function listShares(s: WorkspaceScope) {
  return s.db
    .select({
      id: share.id,
      bundleId: share.bundleId,
      bundleName: bundle.name,
      tokenPrefix: share.tokenPrefix,
      expiresAt: share.expiresAt,
      revokedAt: share.revokedAt,
      createdAt: share.createdAt,
      createdBy: share.createdBy,
    })
    .from(share)
    .innerJoin(bundle, eq(bundle.id, share.bundleId))
    .where(eq(share.workspaceId, s.workspaceId))
    .orderBy(desc(share.createdAt));
}

/** Returns false when no live link with that id exists in the workspace. */
export async function revokeShare(s: WorkspaceScope, id: string): Promise<boolean> {
  const res = await s.db
    .update(share)
    .set({ revokedAt: new Date() })
    .where(and(eq(share.workspaceId, s.workspaceId), eq(share.id, id), isNull(share.revokedAt)))
    .returning({ id: share.id });
  return res.length > 0;
}

/** The link a presented token points to, in whichever workspace (revoked and expired ones too). */
export async function findShareByTokenHash(db: Database, tokenHash: string): Promise<ShareRow | undefined> {
  return db.query.share.findFirst({ where: eq(share.tokenHash, tokenHash) });
}

