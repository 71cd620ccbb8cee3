// The audit log (docs/reliability.md): who changed which bundle, connection, member, API key
// or setting, newest first. Owners and admins only.
import { createRoute, z } from "@hono/zod-openapi";
import { listAuditEvents } from "../../db/queries/audit";
import { decodePageCursor, encodePageCursor } from "../../db/page-cursor";
import { requireRole, workspaceMember } from "../http/access";
import { ValidationFailed } from "../errors";
import { UNKNOWN_CURSOR } from "../http/messages";
import { bearerSecurity, errors, jsonResponse, newRouter, WorkspaceParam } from "../http/router";
import { AuditPage } from "./schemas/audit";
import { localeOf, readText } from "../i18n";

const list = createRoute({
  tags: ["audit"],
  security: bearerSecurity,
  middleware: [workspaceMember],
  method: "get",
  path: "/w/{ws}/audit",
  summary: "The workspace's audit log, newest first (owners and admins)",
  request: {
    params: WorkspaceParam,
    query: z.object({
      target_type: z.enum(["bundle", "connection", "member", "api_key", "settings"]).optional(),
      target_id: z.string().optional(),
      limit: z.coerce.number().int().min(1).max(500).default(100),
      cursor: z.string().optional().openapi({ description: "`next_cursor` of the previous page" }),
    }),
  },
  responses: { 200: jsonResponse(AuditPage, "Events"), ...errors(400, 401, 403, 404) },
});

function decodeCursor(cursor: string) {
  const decoded = decodePageCursor(cursor);
  if (!decoded) throw new ValidationFailed(UNKNOWN_CURSOR, "/cursor");
  return decoded;
}

export const auditRoutes = newRouter().openapi(list, async (c) => {
  requireRole(c, "admin");
  const q = c.req.valid("query");
  const rows = await listAuditEvents(c.get("scope"), {
    targetType: q.target_type,
    targetId: q.target_id,
    before: q.cursor ? decodeCursor(q.cursor) : undefined,
    limit: q.limit,
  });
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  const items = page.map((e) => ({
    id: e.id,
    at: e.createdAt.toISOString(),
    actor: { kind: e.actorKind as "user" | "api_key", id: e.actorId, label: readText(e.actorLabel, localeOf(c)) },
    action: e.action,
    target: { type: e.targetType, id: e.targetId },
    detail: e.detail === null ? null : readText(e.detail, localeOf(c)),
  }));
  return c.json({ items, next_cursor: rows.length > q.limit && last ? encodePageCursor(last) : null }, 200);
});
