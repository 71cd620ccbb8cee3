// Queries keyed by user rather than workspace: who a user is and where they belong.
import { and, eq, gt } from "drizzle-orm";
import type { Database } from "../client";
import { invitation, member, organization, user } from "../schema";

export async function findUserByEmail(db: Database, email: string) {
  return db.query.user.findFirst({ where: eq(user.email, email.toLowerCase()) });
}

export async function workspacesOf(db: Database, userId: string) {
  return db
    .select({ id: organization.id, name: organization.name, role: member.role })
    .from(member)
    .innerJoin(organization, eq(member.organizationId, organization.id))
    .where(eq(member.userId, userId))
    .orderBy(member.createdAt);
}

export async function membershipRole(db: Database, userId: string, workspaceId: string) {
  const row = await db.query.member.findFirst({
    where: and(eq(member.userId, userId), eq(member.organizationId, workspaceId)),
    columns: { role: true },
  });
  return row?.role;
}

const pendingFor = (email: string) => and(eq(invitation.email, email.toLowerCase()), eq(invitation.status, "pending"), gt(invitation.expiresAt, new Date()));

/** The invitations waiting for this email, with the workspace's name and who invited. */
export async function pendingInvitationsFor(db: Database, email: string) {
  return db
    .select({
      id: invitation.id,
      workspaceId: organization.id,
      workspaceName: organization.name,
      role: invitation.role,
      invitedBy: user.name,
      expiresAt: invitation.expiresAt,
    })
    .from(invitation)
    .innerJoin(organization, eq(invitation.organizationId, organization.id))
    .innerJoin(user, eq(invitation.inviterId, user.id))
    .where(pendingFor(email))
    .orderBy(invitation.createdAt);
}

/** Makes the user a member of the workspace of each pending invitation for their email (or only of `onlyId`); returns those accepted. */
export async function acceptInvitations(db: Database, userId: string, email: string, onlyId?: string) {
  const pending = await db
    .select()
    .from(invitation)
    .where(and(pendingFor(email), onlyId ? eq(invitation.id, onlyId) : undefined));
  for (const inv of pending) {
    await db.batch([
      db
        .insert(member)
        .values({ id: crypto.randomUUID(), organizationId: inv.organizationId, userId, role: inv.role ?? "viewer" })
        .onConflictDoNothing(),
      db.update(invitation).set({ status: "accepted" }).where(eq(invitation.id, inv.id)),
    ]);
  }
  return pending;
}

/** Declines a pending invitation for this email; false when there is none. */
export async function declineInvitation(db: Database, email: string, id: string) {
  const declined = await db
    .update(invitation)
    .set({ status: "rejected" })
    .where(and(pendingFor(email), eq(invitation.id, id)))
    .returning({ id: invitation.id });
  return declined.length > 0;
}
