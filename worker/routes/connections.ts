// Connections (rest-api.md "Connections"): credentials for outside services. Secret fields
// are write-only: encrypted before they reach D1, never in a response or a log. Testing a
// connection calls the service and records whether it works, and why not.
import { createRoute, z } from "@hono/zod-openapi";
import { listBundles } from "../../db/queries/bundles";
import { getSettings } from "../../db/queries/settings";
import {
  deleteConnection,
  getConnection,
  insertConnection,
  listConnections,
  updateConnection,
  type ConnectionRow,
} from "../../db/queries/connections";
import type { WorkspaceScope } from "../../db/queries/workspace-scope";
import { connectionRefs } from "../bundles/connection-refs";
import { checkFields } from "../connections/connection-fields";
import { unlinkWebhook } from "../connections/telegram-link";
import { testConnection } from "../connections/test-connection";
import { auditDetail } from "../audit/details";
import { audit } from "../audit/record";
import { requireRole, workspaceMember } from "../http/access";
import { forgetCachedConnection } from "../runs/connection-cache";
import { Conflict, NotFound } from "../errors";
import { NO_SUCH_CONNECTION } from "../http/messages";
import { localeOf } from "../i18n";
import { bearerSecurity, errors, jsonBody, jsonResponse, newRouter, WorkspaceParam } from "../http/router";
import { decryptSecrets, encryptSecrets } from "../security/secrets-crypto";
import { Connection, ConnectionList, ConnectionTest } from "./schemas/connections";

const base = { tags: ["connections"], security: bearerSecurity, middleware: [workspaceMember] };
const IdParams = WorkspaceParam.extend({ id: z.string().openapi({ param: { name: "id", in: "path" } }) });

async function connectionJson(c: { env: { ENCRYPTION_KEY: string } }, row: ConnectionRow) {
  const secrets = row.secrets ? Object.keys(await decryptSecrets(c.env, row.secrets)) : [];
  return {
    id: row.id,
    app: row.app,
    name: row.name,
    fields: row.fields as Record<string, unknown>,
    secret_fields_set: secrets,
    status: row.status as Connection["status"],
    status_reason: row.statusReason,
    tested_at: row.testedAt?.toISOString() ?? null,
    created_at: row.createdAt.toISOString(),
  };
}

async function bundlesUsing(scope: WorkspaceScope, id: string) {
  return (await listBundles(scope)).filter((b) => connectionRefs(b.document).includes(id)).map((b) => b.name);
}

/** Tells the caller of a successful delete what could not be cleaned up. */
const WARNING_HEADER = "Svyazka-Warning";

const notFound = () => new NotFound(NO_SUCH_CONNECTION, "/id");

const list = createRoute({
  ...base,
  method: "get",
  path: "/w/{ws}/connections",
  summary: "Connections of the workspace (secrets never included)",
  request: { params: WorkspaceParam, query: z.object({ app: z.string().optional() }) },
  responses: { 200: jsonResponse(ConnectionList, "Connections"), ...errors(401, 404) },
});

const create = createRoute({
  ...base,
  method: "post",
  path: "/w/{ws}/connections",
  summary: "Create a connection from the app's declared fields",
  request: {
    params: WorkspaceParam,
    ...jsonBody(z.object({ app: z.string().min(1), name: z.string().trim().min(1, { message: "Name the connection." }).max(100), fields: z.record(z.string(), z.unknown()).default({}) })),
  },
  responses: { 201: jsonResponse(Connection, "Created"), ...errors(400, 401, 403, 404) },
});

const get = createRoute({
  ...base,
  method: "get",
  path: "/w/{ws}/connections/{id}",
  summary: "One connection (secrets never included)",
  request: { params: IdParams },
  responses: { 200: jsonResponse(Connection, "The connection"), ...errors(401, 404) },
});

const patch = createRoute({
  ...base,
  method: "patch",
  path: "/w/{ws}/connections/{id}",
  summary: "Rename or change fields; secret fields left out keep their value",
  request: {
    params: IdParams,
    ...jsonBody(z.object({ name: z.string().trim().min(1).max(100).optional(), fields: z.record(z.string(), z.unknown()).optional() })),
  },
  responses: { 200: jsonResponse(Connection, "Updated"), ...errors(400, 401, 403, 404) },
});

const remove = createRoute({
  ...base,
  method: "delete",
  path: "/w/{ws}/connections/{id}",
  summary: "Delete a connection that no bundle and not the workspace's failure alert uses",
  request: { params: IdParams },
  responses: {
    204: {
      description: "Deleted. A linked Telegram connection's bot webhook is removed too, if it still points here",
      headers: {
        [WARNING_HEADER]: {
          description: "Set when the delete succeeded but something around it did not (the bot's webhook could not be removed); also in the audit event",
          schema: { type: "string" as const },
        },
      },
    },
    ...errors(401, 403, 404, 409),
  },
});

const test = createRoute({
  ...base,
  method: "post",
  path: "/w/{ws}/connections/{id}/test",
  summary: "Check the credentials against the service; marks the connection active or inactive",
  request: { params: IdParams },
  responses: { 200: jsonResponse(ConnectionTest, "Tested"), ...errors(401, 403, 404) },
});

export const connectionRoutes = newRouter()
  .openapi(list, async (c) => {
    const rows = await listConnections(c.get("scope"), c.req.valid("query").app);
    return c.json({ items: await Promise.all(rows.map((r) => connectionJson(c, r))) }, 200);
  })
  .openapi(create, async (c) => {
    requireRole(c, "editor");
    const { app, name, fields } = c.req.valid("json");
    const { secret, visible } = checkFields(app, fields);
    const id = crypto.randomUUID();
    const scope = c.get("scope");
    await insertConnection(scope, { id, app, name, fields: visible, secrets: Object.keys(secret).length ? await encryptSecrets(c.env, secret) : null });
    await audit(c, "connection.created", id, auditDetail.connectionCreated(app, name));
    return c.json(await connectionJson(c, (await getConnection(scope, id))!), 201);
  })
  .openapi(get, async (c) => {
    const row = await getConnection(c.get("scope"), c.req.valid("param").id);
    if (!row) throw notFound();
    return c.json(await connectionJson(c, row), 200);
  })
  .openapi(patch, async (c) => {
    requireRole(c, "editor");
    const scope = c.get("scope");
    const { id } = c.req.valid("param");
    const row = await getConnection(scope, id);
    if (!row) throw notFound();
    const body = c.req.valid("json");
    const changes: Parameters<typeof updateConnection>[2] = {};
    if (body.name) changes.name = body.name;
    if (body.fields) {
      const current = { ...(row.fields as Record<string, unknown>), ...(row.secrets ? await decryptSecrets(c.env, row.secrets) : {}) };
      const { secret, visible } = checkFields(row.app, { ...current, ...body.fields });
      Object.assign(changes, { fields: visible, secrets: Object.keys(secret).length ? await encryptSecrets(c.env, secret) : null, status: "untested", statusReason: null });
    }
    await updateConnection(scope, id, changes);
    await forgetCachedConnection(c.env, scope, id);
    await audit(c, "connection.updated", id, Object.keys(body).join(", "));
    return c.json(await connectionJson(c, (await getConnection(scope, id))!), 200);
  })
  .openapi(remove, async (c) => {
    requireRole(c, "editor");
    const scope = c.get("scope");
    const { id } = c.req.valid("param");
    const row = await getConnection(scope, id);
    if (!row) throw notFound();
    const users = await bundlesUsing(scope, id);
    if (users.length) {
      const names = users.map((n) => `«${n}»`).join(", ");
      throw new Conflict({ en: `Bundles use this connection: ${names}. Change them first.`, ru: `Это подключение используют связки: ${names}. Сначала измените их.` }, "/id");
    }
    if ((await getSettings(scope)).notifyConnectionId === id) {
      throw new Conflict(
        {
          en: "The workspace's failure alert sends through this connection (workspace settings, “Tell a Telegram chat when a run fails”; notify_on_failure in the API). Choose another connection there or turn the alert off first.",
          ru: "Через это подключение уходят оповещения рабочего пространства о сбоях (настройки рабочего пространства, «Сообщать в Telegram-чат об ошибках»; notify_on_failure в API). Сначала выберите там другое подключение или выключите оповещение.",
        },
        "/id",
      );
    }
    const warning = row.app === "telegram" ? await unlinkWebhook(c.env, scope, id) : undefined;
    await deleteConnection(scope, id);
    await forgetCachedConnection(c.env, scope, id);
    await audit(c, "connection.deleted", id, warning);
    // Header values are Latin-1 only; the audit event keeps the message as written.
    if (warning) c.header(WARNING_HEADER, warning.replace(/[^\x20-\x7e]/g, "*"));
    return c.body(null, 204);
  })
  .openapi(test, async (c) => {
    requireRole(c, "editor");
    const outcome = await testConnection(c.env, c.get("scope"), c.req.valid("param").id, localeOf(c));
    if (!outcome) throw notFound();
    return c.json(outcome, 200);
  });
