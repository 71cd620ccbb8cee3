// Export and import (rest-api.md): an exported bundle/1 document names its connections by
// placeholders (a slug of the connection's name); import maps each placeholder to one of the
// importer's connections and validates the result like any save.
import { createRoute, z } from "@hono/zod-openapi";
import { getBundle } from "../../db/queries/bundles";
import { withConnectionPlaceholders } from "../bundles/export-placeholders";
import { importDocument } from "../bundles/import-document";
import { audit } from "../audit/record";
import { requireRole, workspaceMember } from "../http/access";
import { NotFound } from "../errors";
import { NO_SUCH_BUNDLE } from "../http/messages";
import { bearerSecurity, errors, jsonBody, jsonResponse, newRouter, WorkspaceParam } from "../http/router";
import type { Bundle } from "../flow";
import { BundleDocument, BundleRef, SavedDocument } from "./schemas/bundles";

const base = { tags: ["bundles"], security: bearerSecurity, middleware: [workspaceMember] };

const exportRoute = createRoute({
  ...base,
  method: "get",
  path: "/w/{ws}/bundles/{id}/export",
  summary: "The bundle/1 document with connection placeholders",
  request: { params: WorkspaceParam.extend({ id: z.string().openapi({ param: { name: "id", in: "path" } }) }) },
  responses: { 200: jsonResponse(SavedDocument, "The document"), ...errors(401, 404) },
});

const ImportBody = z
  .looseObject({
    bundle: BundleDocument.optional(),
    connections: z.record(z.string(), z.string()).optional().openapi({ description: "placeholder → connection id" }),
  })
  .openapi("BundleImport", {
    description: "Either {bundle, connections} or the bundle/1 document itself with an extra `connections` mapping",
  });

const importRoute = createRoute({
  ...base,
  method: "post",
  path: "/w/{ws}/bundles/import",
  summary: "Create a bundle from an exported document, mapping its connection placeholders",
  request: { params: WorkspaceParam, ...jsonBody(ImportBody) },
  responses: { 201: jsonResponse(BundleRef, "Imported (disabled)"), ...errors(400, 401, 403, 404, 413) },
});

export const bundleTransferRoutes = newRouter()
  .openapi(exportRoute, async (c) => {
    const scope = c.get("scope");
    const bundle = await getBundle(scope, c.req.valid("param").id);
    if (!bundle) throw new NotFound(NO_SUCH_BUNDLE, "/id");
    return c.json((await withConnectionPlaceholders(scope, bundle.document)) as Bundle, 200);
  })
  .openapi(importRoute, async (c) => {
    requireRole(c, "editor");
    const scope = c.get("scope");
    const body = c.req.valid("json");
    const { connections: mapping = {}, bundle: wrapped, ...rest } = body;
    const document = wrapped ?? rest;
    const principal = c.get("principal");
    const { id, name } = await importDocument(c.env, scope, document, mapping, principal.kind === "user" ? principal.userId : null);
    await audit(c, "bundle.imported", id, name);
    return c.json({ id, version: 1 }, 201);
  });
