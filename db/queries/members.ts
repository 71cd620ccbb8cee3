// Memberships and pending invitations of one workspace.
import { and, count, eq, gt } from "drizzle-orm";
import { invitation, member, organization, user } from "../schema";
import type { WorkspaceScope } from "./workspace-scope";

export const INVITATION_DAYS = 14;

export async function getWorkspace(s: WorkspaceScope) {
  return s.db.query.organization.findFirst({
    where: eq(organization.id, s.workspaceId),
    columns: { id: true, name: true },
  });
}

export async function listMembers(s: WorkspaceScope) {
  const active = await s.db
    .select({ id: member.userId, email: user.email, name: user.name, role: member.role, createdAt: member.createdAt })
    .from(member)
    .innerJoin(user, eq(member.userId, user.id))
    .where(eq(member.organizationId, s.workspaceId))
    .orderBy(member.createdAt);
  const invited = await s.db
    .select({ id: invitation.id, email: invitation.email, role: invitation.role, createdAt: invitation.createdAt })
    .from(invitation)
    .where(and(eq(invitation.organizationId, s.workspaceId), eq(invitation.status, "pending"), gt(invitation.expiresAt, new Date())))
    .orderBy(invitation.createdAt);
  return [
    ...active.map((m) => ({ ...m, status: "active" as const })),
    ...invited.map((i) => ({ ...i, name: "", role: i.role ?? "viewer", status: "invited" as const })),
  ];
}

export async function findMember(s: WorkspaceScope, userId: string) {
  return s.db.query.member.findFirst({
    where: and(eq(member.organizationId, s.workspaceId), eq(member.userId, userId)),
  });
}

export async function findPendingInvitation(s: WorkspaceScope, idOrEmail: { id?: string; email?: string }) {
  const match = idOrEmail.id ? eq(invitation.id, idOrEmail.id) : eq(invitation.email, idOrEmail.email ?? "");
  return s.db.query.invitation.findFirst({
    where: and(eq(invitation.organizationId, s.workspaceId), eq(invitation.status, "pending"), gt(invitation.expiresAt, new Date()), match),
  });
}

export async function inviteMember(s: WorkspaceScope, email: string, role: string, inviterId: string) {
  const id = crypto.randomUUID();
  const expiresAt = new Date(Date.now() + INVITATION_DAYS * 86_400_000);
  await s.db.insert(invitation).values({ id, organizationId: s.workspaceId, email, role, status: "pending", expiresAt, inviterId });
  return id;
}

export async function setMemberRole(s: WorkspaceScope, userId: string, role: string) {
  await s.db.update(member).set({ role }).where(and(eq(member.organizationId, s.workspaceId), eq(member.userId, userId)));
}

export async function removeMember(s: WorkspaceScope, userId: string) {
  await s.db.delete(member).where(and(eq(member.organizationId, s.workspaceId), eq(member.userId, userId)));
}

export async function cancelInvitation(s: WorkspaceScope, invitationId: string) {
  await s.db
    .update(invitation)
    .set({ status: "canceled" })
    .where(and(eq(invitation.organizationId, s.workspaceId), eq(invitation.id, invitationId)));
}

export async function countOwners(s: WorkspaceScope) {
  const [row] = await s.db
    .select({ n: count() })
    .from(member)
    .where(and(eq(member.organizationId, s.workspaceId), eq(member.role, "owner")));
  return row?.n ?? 0;
}
