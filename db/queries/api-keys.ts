// Workspace API keys. The key itself is shown once at creation; only its SHA-256 is kept.
import { and, desc, eq, isNull } from "drizzle-orm";
import type { Database } from "../client";
import { apiKey } from "../schema";
import type { WorkspaceScope } from "./workspace-scope";

export async function listApiKeys(s: WorkspaceScope) {
  return s.db
    .select({
      id: apiKey.id,
      name: apiKey.name,
      prefix: apiKey.prefix,
      role: apiKey.role,
      createdAt: apiKey.createdAt,
      lastUsedAt: apiKey.lastUsedAt,
    })
    .from(apiKey)
    .where(and(eq(apiKey.workspaceId, s.workspaceId), isNull(apiKey.revokedAt)))
    .orderBy(desc(apiKey.createdAt));
}

export async function insertApiKey(
  s: WorkspaceScope,
  key: { id: string; name: string; prefix: string; keyHash: string; role: string; createdBy: string | null },
) {
  await s.db.insert(apiKey).values({ ...key, workspaceId: s.workspaceId });
}

/** Returns false when no live key with that id exists in the workspace. */
export async function revokeApiKey(s: WorkspaceScope, id: string): Promise<boolean> {
  const res = await s.db
    .update(apiKey)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiKey.workspaceId, s.workspaceId), eq(apiKey.id, id), isNull(apiKey.revokedAt)))
    .returning({ id: apiKey.id });
  return res.length > 0;
}

/** Looks a presented key up by its hash, across workspaces: this is how the workspace is learnt. */
export async function findLiveApiKeyByHash(db: Database, keyHash: string) {
  const row = await db.query.apiKey.findFirst({ where: and(eq(apiKey.keyHash, keyHash), isNull(apiKey.revokedAt)) });
  if (!row || (row.expiresAt && row.expiresAt.getTime() <= Date.now())) return undefined;
  return row;
}

export async function touchApiKey(db: Database, id: string) {
  await db.update(apiKey).set({ lastUsedAt: new Date() }).where(eq(apiKey.id, id));
}
