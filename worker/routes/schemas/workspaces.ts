// What /me, /workspaces and the invitation answers hold (routes/workspaces.ts, invitations.ts).
// Like every file here: the response schemas of one route file, importing nothing but zod and
// leaves, so the dashboard takes its types from them (z.infer) without the Worker's code.
import { z } from "@hono/zod-openapi";
import { ROLES } from "../../auth/role-names";

export const WorkspaceSummary = z
  .object({ id: z.string(), name: z.string(), role: z.enum(ROLES) })
  .openapi("Workspace");
export type WorkspaceSummary = z.infer<typeof WorkspaceSummary>;

export const PendingInvitation = z
  .object({
    id: z.string(),
    workspace_id: z.string(),
    workspace_name: z.string(),
    role: z.enum(ROLES),
    invited_by: z.string().openapi({ description: "The name of the person who invited" }),
    expires_at: z.string(),
  })
  .openapi("PendingInvitation");
export type PendingInvitation = z.infer<typeof PendingInvitation>;

export const Me = z.object({
  user: z.object({ id: z.string(), email: z.string(), name: z.string() }),
  workspaces: z.array(WorkspaceSummary),
  invitations: z.array(PendingInvitation).openapi({ description: "Invitations to this user's email, waiting to be accepted or declined (/me/invitations/{id}/…)" }),
});
export type Me = z.infer<typeof Me>;
