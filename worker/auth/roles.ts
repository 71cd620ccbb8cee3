// Workspace roles, from most to least powerful, and what each may do.
import { createAccessControl } from "better-auth/plugins/access";
import { adminAc, defaultStatements, ownerAc } from "better-auth/plugins/organization/access";
import { ROLES, type Role } from "./role-names";

const rank: Record<Role, number> = { owner: 3, admin: 2, editor: 1, viewer: 0 };

/** True when `role` is at least `needed`: owner > admin > editor > viewer. */
export function roleAllows(role: Role, needed: Role): boolean {
  return rank[role] >= rank[needed];
}

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

// The same roles declared to better-auth's organization plugin, so memberships it writes
// carry our role names. Editors and viewers get no organization-management permissions.
export const accessControl = createAccessControl(defaultStatements);
export const organizationRoles = {
  owner: ownerAc,
  admin: adminAc,
  editor: accessControl.newRole({ organization: [], member: [], invitation: [] }),
  viewer: accessControl.newRole({ organization: [], member: [], invitation: [] }),
};

/** Keeps rows whose role is one of ours, typed as such (rows written by hand could hold others). */
export function withKnownRole<T extends { role: string }>(rows: T[]): Array<T & { role: Role }> {
  return rows.filter((r): r is T & { role: Role } => isRole(r.role));
}
