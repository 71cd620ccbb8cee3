// The audit log of a workspace: append-only, newest first.
import { and, desc, eq, lt, or } from "drizzle-orm";
import { apiKey, auditEvent } from "../schema";
import type { WorkspaceScope } from "./workspace-scope";

export type AuditRow = typeof auditEvent.$inferSelect;
export type NewAuditEvent = Omit<typeof auditEvent.$inferInsert, "workspaceId" | "id" | "createdAt">;

export async function insertAuditEvent(s: WorkspaceScope, event: NewAuditEvent) {
  await s.db.insert(auditEvent).values({ ...event, id: crypto.randomUUID(), workspaceId: s.workspaceId, createdAt: new Date() });
}

export interface AuditFilter {
  targetType?: string;
  targetId?: string;
  /** Only events older than this one (the `next_cursor` of the previous page). */
  before?: { at: number; id: string };
  limit: number;
}

export async function listAuditEvents(s: WorkspaceScope, f: AuditFilter) {
  const conditions = [eq(auditEvent.workspaceId, s.workspaceId)];
  if (f.targetType) conditions.push(eq(auditEvent.targetType, f.targetType));
  if (f.targetId) conditions.push(eq(auditEvent.targetId, f.targetId));
  if (f.before) {
    const at = new Date(f.before.at);
    conditions.push(or(lt(auditEvent.createdAt, at), and(eq(auditEvent.createdAt, at), lt(auditEvent.id, f.before.id)))!);
  }
  return s.db
    .select()
    .from(auditEvent)
    .where(and(...conditions))
    .orderBy(desc(auditEvent.createdAt), desc(auditEvent.id))
    .limit(f.limit + 1);
}

/** The name of an API key of this workspace, for the actor label. */
export async function apiKeyName(s: WorkspaceScope, id: string): Promise<string | undefined> {
  const row = await s.db.query.apiKey.findFirst({ where: and(eq(apiKey.workspaceId, s.workspaceId), eq(apiKey.id, id)) });
  return row?.name;
}
