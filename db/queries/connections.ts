// Connections of one workspace. Secrets stay encrypted here; decrypting is the caller's job.
import { and, asc, eq } from "drizzle-orm";
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
