// Connections of one workspace. Secrets stay encrypted here; decrypting is the caller's job.
import { and, asc, eq, isNull, lt, or } from "drizzle-orm";
import { connection } from "../schema";
import type { WorkspaceScope } from "./workspace-scope";

export type ConnectionRow = typeof connection.$inferSelect;

export async function listConnections(s: WorkspaceScope, app?: string) {
  const where = app ? and(eq(connection.workspaceId, s.workspaceId), eq(connection.app, app)) : eq(connection.workspaceId, s.workspaceId);
  return s.db.select().from(connection).where(where).orderBy(asc(connection.createdAt));
}

export async function getConnection(s: WorkspaceScope, id: string): Promise<ConnectionRow | undefined> {
  return s.db.query.connection.findFirst({ where: and(eq(connection.workspaceId, s.workspaceId), eq(connection.id, id)) });
}

export async function insertConnection(
  s: WorkspaceScope,
  c: { id: string; app: string; name: string; fields: Record<string, unknown>; secrets: string | null },
) {
  await s.db.insert(connection).values({ ...c, workspaceId: s.workspaceId, status: "untested" });
}

export async function updateConnection(
  s: WorkspaceScope,
  id: string,
  patch: Partial<Pick<ConnectionRow, "name" | "fields" | "secrets" | "status" | "statusReason" | "testedAt">>,
) {
  await s.db
    .update(connection)
    .set({ ...patch, updatedAt: new Date() })
    .where(and(eq(connection.workspaceId, s.workspaceId), eq(connection.id, id)));
}

export async function deleteConnection(s: WorkspaceScope, id: string) {
  await s.db.delete(connection).where(and(eq(connection.workspaceId, s.workspaceId), eq(connection.id, id)));
}

/**
 * Takes the connection's refresh lock for `holder` until `until` unless another holder has an
 * unexpired one: one conditional UPDATE, so of two runs asking at once exactly one gets it.
 */
export async function takeRefreshLock(s: WorkspaceScope, id: string, holder: string, until: Date, now = new Date()): Promise<boolean> {
  const taken = await s.db
    .update(connection)
    .set({ refreshLockHolder: holder, refreshLockUntil: until })
    .where(
      and(
        eq(connection.workspaceId, s.workspaceId),
        eq(connection.id, id),
        or(isNull(connection.refreshLockUntil), lt(connection.refreshLockUntil, now), eq(connection.refreshLockHolder, holder)),
      ),
    )
    .returning({ id: connection.id });
  return taken.length === 1;
}

export async function releaseRefreshLock(s: WorkspaceScope, id: string, holder: string) {
  await s.db
    .update(connection)
    .set({ refreshLockHolder: null, refreshLockUntil: null })
    .where(and(eq(connection.workspaceId, s.workspaceId), eq(connection.id, id), eq(connection.refreshLockHolder, holder)));
}
