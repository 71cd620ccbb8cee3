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

/** Turns the pending invitations for this email into memberships (on sign-up). */
export async function acceptInvitations(db: Database, userId: string, email: string) {
  const pending = await db
    .select()
    .from(invitation)
    .where(and(eq(invitation.email, email.toLowerCase()), eq(invitation.status, "pending"), gt(invitation.expiresAt, new Date())));
  for (const inv of pending) {
    await db.batch([
      db
        .insert(member)
        .values({ id: crypto.randomUUID(), organizationId: inv.organizationId, userId, role: inv.role ?? "viewer" })
        .onConflictDoNothing(),
      db.update(invitation).set({ status: "accepted" }).where(eq(invitation.id, inv.id)),
    ]);
  }
}
