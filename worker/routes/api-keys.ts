// Workspace API keys (rest-api.md "Auth"): created by owners and admins, shown once, stored
// as a hash. A key acts in its workspace with its role, never above its creator's.
import { createRoute, z } from "@hono/zod-openapi";
import { insertApiKey, listApiKeys, revokeApiKey } from "../../db/queries/api-keys";
import { ROLES, type Role } from "../auth/role-names";
import { audit } from "../audit/record";
import { auditDetail } from "../audit/details";
import { requireRole, workspaceMember } from "../http/access";
import { NotFound } from "../errors";
import { bearerSecurity, errors, jsonBody, jsonResponse, newRouter, WorkspaceParam } from "../http/router";
import { sha256Hex } from "../bytes/sha256";
import { generateApiKey } from "../security/api-key-token";
import { ApiKeyList, CreatedApiKey } from "./schemas/api-keys";

const base = { tags: ["api-keys"], security: bearerSecurity, middleware: [workspaceMember] };

const list = createRoute({
  ...base,
  method: "get",
  path: "/w/{ws}/api-keys",
  summary: "Live API keys of the workspace (never the keys themselves)",
  request: { params: WorkspaceParam },
  responses: { 200: jsonResponse(ApiKeyList, "Keys"), ...errors(401, 403, 404) },
});

const create = createRoute({
  ...base,
  method: "post",
  path: "/w/{ws}/api-keys",
  summary: "Create an API key; the key is in this response only",
  request: {
    params: WorkspaceParam,
    ...jsonBody(z.object({ name: z.string().trim().min(1, { message: "Name the key." }).max(100), role: z.enum(ROLES).default("editor") })),
  },
  responses: {
    201: jsonResponse(CreatedApiKey, "Created: store `key` now, it is not shown again"),
    ...errors(400, 401, 403, 404),
  },
});

const revoke = createRoute({
  ...base,
  method: "delete",
  path: "/w/{ws}/api-keys/{id}",
  summary: "Revoke an API key",
  request: { params: WorkspaceParam.extend({ id: z.string().openapi({ param: { name: "id", in: "path" } }) }) },
  responses: { 204: { description: "Revoked" }, ...errors(401, 403, 404) },
});

export const apiKeyRoutes = newRouter()
  .openapi(list, async (c) => {
    requireRole(c, "admin");
    const rows = await listApiKeys(c.get("scope"));
    const items = rows.map((k) => ({
      id: k.id,
      name: k.name,
      prefix: k.prefix,
      role: k.role as Role,
      created_at: k.createdAt.toISOString(),
      last_used_at: k.lastUsedAt?.toISOString() ?? null,
    }));
    return c.json({ items }, 200);
  })
  .openapi(create, async (c) => {
    requireRole(c, "admin");
    const { name, role } = c.req.valid("json");
    requireRole(c, role);
    const principal = c.get("principal");
    const { key, prefix } = generateApiKey();
    const id = crypto.randomUUID();
    await insertApiKey(c.get("scope"), {
      id,
      name,
      prefix,
      role,
      keyHash: await sha256Hex(key),
      createdBy: principal.kind === "user" ? principal.userId : null,
    });
    await audit(c, "api_key.created", id, auditDetail.apiKeyCreated(name, role));
    return c.json({ id, name, prefix, role, key }, 201);
  })
  .openapi(revoke, async (c) => {
    requireRole(c, "admin");
    const revoked = await revokeApiKey(c.get("scope"), c.req.valid("param").id);
    if (!revoked) throw new NotFound({ en: "No such API key in this workspace.", ru: "В этом рабочем пространстве нет такого API-ключа." }, "/id");
    await audit(c, "api_key.revoked", c.req.valid("param").id);
    return c.body(null, 204);
  });
