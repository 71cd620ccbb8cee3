// Invitations, from the invitee's side (rest-api.md "Members"): a person invited to a workspace
// joins only by accepting, after logging in (or by signing up with the invited email). Until
// then the inviter sees "invited", whether or not the email has an account.
import { createRoute, z } from "@hono/zod-openapi";
import { acceptInvitations, declineInvitation } from "../../db/queries/accounts";
import { getWorkspace } from "../../db/queries/members";
import { openWorkspaceScope } from "../../db/queries/workspace-scope";
import { database } from "../../db/client";
import { audit } from "../audit/record";
import { auditDetail } from "../audit/details";
import type { Role } from "../auth/role-names";
import { isRole } from "../auth/roles";
import { userOnly } from "../http/access";
import type { AppEnv } from "../http/context";
import { Forbidden, NotFound } from "../errors";
import { NOT_A_USER } from "../http/messages";
import { bearerSecurity, errors, jsonResponse, newRouter } from "../http/router";
import type { Context } from "hono";
import { WorkspaceSummary } from "./schemas/workspaces";

const IdParam = z.object({ id: z.string().openapi({ param: { name: "id", in: "path" } }) });
const base = { tags: ["account"], security: bearerSecurity, middleware: [userOnly] };

const accept = createRoute({
  ...base,
  method: "post",
  path: "/me/invitations/{id}/accept",
  summary: "Join the workspace of an invitation to your email",
  request: { params: IdParam },
  responses: { 200: jsonResponse(WorkspaceSummary, "Joined: the workspace, with your role"), ...errors(401, 403, 404) },
});

const decline = createRoute({
  ...base,
  method: "post",
  path: "/me/invitations/{id}/decline",
  summary: "Decline an invitation to your email",
  request: { params: IdParam },
  responses: { 204: { description: "Declined" }, ...errors(401, 403, 404) },
});

const NO_SUCH_INVITATION = {
  en: "No such invitation for your email: it was accepted, declined, cancelled or has expired.",
  ru: "Такого приглашения для вашей почты нет: его приняли, отклонили, отменили или срок истёк.",
};

/** The signed-in person (userOnly lets no API key through). */
function person(c: Context<AppEnv>) {
  const principal = c.get("principal");
  if (principal.kind !== "user") throw new Forbidden(NOT_A_USER);
  return principal;
}

export const invitationRoutes = newRouter()
  .openapi(accept, async (c) => {
    const { userId, email } = person(c);
    const db = database(c.env);
    const [joined] = await acceptInvitations(db, userId, email, c.req.valid("param").id);
    if (!joined) throw new NotFound(NO_SUCH_INVITATION, "/id");
    const role: Role = isRole(joined.role) ? joined.role : "viewer";
    c.set("scope", openWorkspaceScope(db, joined.organizationId));
    await audit(c, "member.added", userId, auditDetail.joined(email, role));
    const workspace = await getWorkspace(c.get("scope"));
    return c.json({ id: joined.organizationId, name: workspace?.name ?? "", role }, 200);
  })
  .openapi(decline, async (c) => {
    const { email } = person(c);
    if (!(await declineInvitation(database(c.env), email, c.req.valid("param").id))) throw new NotFound(NO_SUCH_INVITATION, "/id");
    return c.body(null, 204);
  });
