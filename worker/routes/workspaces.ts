// The signed-in user and their workspaces: who am I, where do I belong (and where am I invited),
// make another one.
import { createRoute, z } from "@hono/zod-openapi";
import { pendingInvitationsFor, workspacesOf } from "../../db/queries/accounts";
import { getWorkspace } from "../../db/queries/members";
import { database } from "../../db/client";
import { withKnownRole } from "../auth/roles";
import { userOnly, workspaceMember } from "../http/access";
import { Forbidden, NotFound, Unauthorized } from "../errors";
import { NO_SUCH_WORKSPACE, NOT_A_USER } from "../http/messages";
import { bearerSecurity, errors, jsonBody, jsonResponse, newRouter, WorkspaceParam } from "../http/router";
import { createWorkspace } from "../workspaces/create-workspace";
import { Me, WorkspaceSummary } from "./schemas/workspaces";

const me = createRoute({
  method: "get",
  path: "/me",
  tags: ["account"],
  summary: "The signed-in user and their workspaces",
  security: bearerSecurity,
  middleware: [userOnly],
  responses: {
    200: jsonResponse(Me, "The current user"),
    ...errors(401, 403),
  },
});

const create = createRoute({
  method: "post",
  path: "/workspaces",
  tags: ["account"],
  summary: "Create a workspace owned by the signed-in user",
  security: bearerSecurity,
  middleware: [userOnly],
  request: jsonBody(z.object({ name: z.string().trim().min(1, { message: "Name your workspace." }).max(100) })),
  responses: { 201: jsonResponse(WorkspaceSummary, "Created"), ...errors(400, 401, 403) },
});

const get = createRoute({
  method: "get",
  path: "/w/{ws}",
  tags: ["account"],
  summary: "One workspace, with the caller's role in it",
  security: bearerSecurity,
  middleware: [workspaceMember],
  request: { params: WorkspaceParam },
  responses: { 200: jsonResponse(WorkspaceSummary, "The workspace"), ...errors(401, 404) },
});

export const workspaceRoutes = newRouter()
  .openapi(me, async (c) => {
    const principal = c.get("principal");
    if (principal.kind !== "user") throw new Forbidden(NOT_A_USER);
    const db = database(c.env);
    const user = await db.query.user.findFirst({ where: (u, { eq }) => eq(u.id, principal.userId) });
    if (!user) throw new Unauthorized({ en: "The account no longer exists.", ru: "Этой учётной записи больше нет." });
    const [workspaces, invitations] = await Promise.all([workspacesOf(db, user.id), pendingInvitationsFor(db, user.email)]);
    return c.json(
      {
        user: { id: user.id, email: user.email, name: user.name },
        workspaces: withKnownRole(workspaces),
        invitations: withKnownRole(invitations.map((i) => ({ ...i, role: i.role ?? "viewer" }))).map((i) => ({
          id: i.id,
          workspace_id: i.workspaceId,
          workspace_name: i.workspaceName,
          role: i.role,
          invited_by: i.invitedBy,
          expires_at: i.expiresAt.toISOString(),
        })),
      },
      200,
    );
  })
  .openapi(create, async (c) => {
    const principal = c.get("principal");
    if (principal.kind !== "user") throw new Forbidden(NOT_A_USER);
    const workspace = await createWorkspace(c.env, principal.userId, c.req.valid("json").name);
    return c.json(workspace, 201);
  })
  .openapi(get, async (c) => {
    const workspace = await getWorkspace(c.get("scope"));
    if (!workspace) throw new NotFound(NO_SUCH_WORKSPACE, "/workspace_id");
    return c.json({ ...workspace, role: c.get("role") }, 200);
  });
