// Export and import (rest-api.md): an exported bundle/1 document names its connections by
// placeholders (a slug of the connection's name); import maps each placeholder to one of the
// importer's connections and validates the result like any save.
import { createRoute, z } from "@hono/zod-openapi";
import { getBundle, insertBundle } from "../../db/queries/bundles";
import { listConnections } from "../../db/queries/connections";
import { connectionRefs, mapConnectionRefs } from "../bundles/connection-refs";
import { assertNoChainCycle } from "../bundles/chain-cycle";
import { validBundleOrThrow } from "../bundles/validate-for-workspace";
import { audit } from "../audit/record";
import { assertBundleQuota } from "../quotas/enforce";
import { requireRole, workspaceMember } from "../http/access";
import { ApiError } from "../http/errors";
import { bearerSecurity, errors, jsonBody, jsonResponse, newRouter, WorkspaceParam } from "../http/router";
import { BundleDocument } from "./bundles";

const base = { tags: ["bundles"], security: bearerSecurity, middleware: [workspaceMember] };

const exportRoute = createRoute({
  ...base,
  method: "get",
  path: "/w/{ws}/bundles/{id}/export",
  summary: "The bundle/1 document with connection placeholders",
  request: { params: WorkspaceParam.extend({ id: z.string().openapi({ param: { name: "id", in: "path" } }) }) },
  responses: { 200: jsonResponse(BundleDocument, "The document"), ...errors(401, 404) },
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
  responses: { 201: jsonResponse(z.object({ id: z.string(), version: z.number().int() }), "Imported (disabled)"), ...errors(400, 401, 403, 404, 413) },
});

function slug(text: string): string {
  const s = text.toLowerCase().replace(/[^a-z0-9]+/g, "_").replace(/^_+|_+$/g, "").slice(0, 32);
  return /^[a-z]/.test(s) ? s : `conn_${s}`.replace(/_+$/, "");
}

export const bundleTransferRoutes = newRouter()
  .openapi(exportRoute, async (c) => {
    const scope = c.get("scope");
    const bundle = await getBundle(scope, c.req.valid("param").id);
    if (!bundle) throw new ApiError("not_found", "No such bundle in this workspace.", "/id");
    const names = new Map((await listConnections(scope)).map((conn) => [conn.id, slug(conn.name) || conn.app]));
    const taken = new Map<string, string>();
    const placeholderFor = (id: string) => {
      if (taken.has(id)) return taken.get(id)!;
      const wanted = names.get(id) ?? "connection";
      let name = wanted;
      for (let n = 2; [...taken.values()].includes(name); n++) name = `${wanted}_${n}`;
      taken.set(id, name);
      return name;
    };
    return c.json(mapConnectionRefs(bundle.document, placeholderFor) as z.infer<typeof BundleDocument>, 200);
  })
  .openapi(importRoute, async (c) => {
    requireRole(c, "editor");
    const scope = c.get("scope");
    const body = c.req.valid("json");
    const { connections: mapping = {}, bundle: wrapped, ...rest } = body;
    const document = wrapped ?? rest;
    const unmapped = connectionRefs(document).filter((ref) => !(ref in mapping));
    if (unmapped.length > 0) {
      throw new ApiError(
        "validation_failed",
        `Choose a connection for ${unmapped.map((p) => `"${p}"`).join(", ")}.`,
        `/connections/${unmapped[0]}`,
        unmapped.map((p) => ({ code: "unmapped_connection", message: `Choose a connection for "${p}".`, path: `/connections/${p}` })),
      );
    }
    const mapped = mapConnectionRefs(document, (ref) => mapping[ref]);
    const bundle = await validBundleOrThrow(scope, mapped);
    await assertBundleQuota(c.env, scope, bundle, true);
    const id = crypto.randomUUID();
    await assertNoChainCycle(scope, id, bundle);
    const principal = c.get("principal");
    await insertBundle(scope, id, bundle.name, bundle, principal.kind === "user" ? principal.userId : null);
    await audit(c, "bundle.imported", id, bundle.name);
    return c.json({ id, version: 1 }, 201);
  });
