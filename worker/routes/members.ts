// Workspace members (rest-api.md "Members"): anyone in the workspace may look; owners and
// admins manage. Only an owner grants or takes away the owner role, and the last owner stays.
import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { findUserByEmail } from "../../db/queries/accounts";
import {
  cancelInvitation,
  countOwners,
  findMember,
  findPendingInvitation,
  inviteMember,
  listMembers,
  removeMember,
  setMemberRole,
} from "../../db/queries/members";
import { ROLES, type Role } from "../auth/role-names";
import { audit } from "../audit/record";
import { auditDetail } from "../audit/details";
import { requireRole, workspaceMember } from "../http/access";
import type { AppEnv } from "../http/context";
import { Conflict, Forbidden, NotFound } from "../errors";
import { bearerSecurity, EmailField, errors, jsonBody, jsonResponse, newRouter, WorkspaceParam } from "../http/router";

import { Member, MemberList } from "./schemas/members";

const MemberParams = WorkspaceParam.extend({ id: z.string().openapi({ param: { name: "id", in: "path" } }) });

const base = { tags: ["members"], security: bearerSecurity, middleware: [workspaceMember] };

const list = createRoute({
  ...base,
  method: "get",
  path: "/w/{ws}/members",
  summary: "Members and pending invitations",
  request: { params: WorkspaceParam },
  responses: { 200: jsonResponse(MemberList, "Members"), ...errors(401, 404) },
});

const invite = createRoute({
  ...base,
  method: "post",
  path: "/w/{ws}/members",
  summary: "Invite someone by email: they join when they accept (after logging in, or by signing up with that email)",
  request: {
    params: WorkspaceParam,
    ...jsonBody(z.object({ email: EmailField, role: z.enum(ROLES) })),
  },
  responses: { 201: jsonResponse(Member, "Invited (status \"invited\", whether or not the email has an account)"), ...errors(400, 401, 403, 404, 409) },
});

const update = createRoute({
  ...base,
  method: "patch",
  path: "/w/{ws}/members/{id}",
  summary: "Change a member's role",
  request: { params: MemberParams, ...jsonBody(z.object({ role: z.enum(ROLES) })) },
  responses: { 200: jsonResponse(Member, "Updated"), ...errors(400, 401, 403, 404, 409) },
});

const remove = createRoute({
  ...base,
  method: "delete",
  path: "/w/{ws}/members/{id}",
  summary: "Remove a member or cancel an invitation",
  request: { params: MemberParams },
  responses: { 204: { description: "Removed" }, ...errors(401, 403, 404, 409) },
});

/** Admins manage editors, viewers and admins; touching the owner role needs an owner. */
function assertMayAssign(c: Context<AppEnv>, ...roles: Role[]) {
  requireRole(c, "admin");
  if (roles.includes("owner")) requireRole(c, "owner");
}

export const memberRoutes = newRouter()
  .openapi(list, async (c) => {
    const rows = await listMembers(c.get("scope"));
    const items = rows.map((m) => ({
      id: m.id,
      email: m.email,
      name: m.name,
      role: (ROLES as readonly string[]).includes(m.role) ? (m.role as Role) : "viewer",
      status: m.status,
      created_at: m.createdAt.toISOString(),
    }));
    return c.json({ items }, 200);
  })
  .openapi(invite, async (c) => {
    const { email, role } = c.req.valid("json");
    assertMayAssign(c, role);
    const scope = c.get("scope");
    const principal = c.get("principal");
    // Asked first, so an API key learns nothing about which emails have accounts.
    if (principal.kind !== "user") throw new Forbidden({ en: "Invitations are sent by a person, not an API key: sign in to invite.", ru: "Приглашения отправляет человек, а не API-ключ: войдите, чтобы пригласить." });
    // Members and invitations are on the members list already: saying so tells nothing new.
    const existing = await findUserByEmail(scope.db, email);
    if (existing && (await findMember(scope, existing.id))) throw new Conflict({ en: `${email} is already a member.`, ru: `${email} уже участник.` }, "/email");
    if (await findPendingInvitation(scope, { email })) throw new Conflict({ en: `${email} is already invited.`, ru: `${email} уже приглашён.` }, "/email");
    // Everyone is invited alike, with or without an account: they join by accepting.
    const id = await inviteMember(scope, email, role, principal.userId);
    await audit(c, "member.invited", id, auditDetail.invited(email, role));
    return c.json({ id, email, name: "", role, status: "invited" as const, created_at: new Date().toISOString() }, 201);
  })
  .openapi(update, async (c) => {
    const { id } = c.req.valid("param");
    const { role } = c.req.valid("json");
    const scope = c.get("scope");
    const target = await findMember(scope, id);
    if (!target) throw new NotFound({ en: "No such member in this workspace.", ru: "В этом рабочем пространстве нет такого участника." }, "/id");
    assertMayAssign(c, role, target.role as Role);
    if (target.role === "owner" && role !== "owner" && (await countOwners(scope)) <= 1) {
      throw new Conflict({ en: "A workspace needs at least one owner: make someone else owner first.", ru: "У рабочего пространства должен быть хотя бы один владелец: сначала сделайте владельцем кого-то другого." }, "/role");
    }
    await setMemberRole(scope, id, role);
    await audit(c, "member.role_changed", id, auditDetail.roleChanged(target.role as Role, role));
    const members = await listMembers(scope);
    const row = members.find((m) => m.id === id && m.status === "active");
    return c.json(
      { id, email: row?.email ?? "", name: row?.name ?? "", role, status: "active" as const, created_at: (row?.createdAt ?? new Date()).toISOString() },
      200,
    );
  })
  .openapi(remove, async (c) => {
    const { id } = c.req.valid("param");
    const scope = c.get("scope");
    const principal = c.get("principal");
    const target = await findMember(scope, id);
    if (target) {
      const leavingSelf = principal.kind === "user" && principal.userId === id;
      if (!leavingSelf) assertMayAssign(c, target.role as Role);
      if (target.role === "owner" && (await countOwners(scope)) <= 1) {
        throw new Conflict({ en: "The last owner cannot be removed.", ru: "Последнего владельца удалить нельзя." }, "/id");
      }
      await removeMember(scope, id);
      await audit(c, "member.removed", id, leavingSelf ? auditDetail.left : undefined);
      return c.body(null, 204);
    }
    const invitation = await findPendingInvitation(scope, { id });
    if (!invitation) throw new NotFound({ en: "No such member or invitation in this workspace.", ru: "В этом рабочем пространстве нет такого участника или приглашения." }, "/id");
    assertMayAssign(c, (invitation.role ?? "viewer") as Role);
    await cancelInvitation(scope, id);
    await audit(c, "member.removed", id, auditDetail.invitationWithdrawn(invitation.email));
    return c.body(null, 204);
  });
