// Bundles of a workspace. The list is here; the bundle/1 format, editing and runs come with
// the engine (issue 3).
import { createRoute, z } from "@hono/zod-openapi";
import { listBundles } from "../../db/queries/bundles";
import { workspaceMember } from "../http/access";
import { bearerSecurity, errors, jsonResponse, newRouter, WorkspaceParam } from "../http/router";

const BundleSummary = z
  .object({ id: z.string(), name: z.string(), enabled: z.boolean(), version: z.number().int(), updated_at: z.string() })
  .openapi("BundleSummary");

const list = createRoute({
  method: "get",
  path: "/w/{ws}/bundles",
  tags: ["bundles"],
  summary: "Bundles of the workspace, most recently changed first",
  security: bearerSecurity,
  middleware: [workspaceMember],
  request: { params: WorkspaceParam },
  responses: { 200: jsonResponse(z.object({ items: z.array(BundleSummary) }), "Bundles"), ...errors(401, 404) },
});

export const bundleRoutes = newRouter().openapi(list, async (c) => {
  const rows = await listBundles(c.get("scope"));
  const items = rows.map((b) => ({ id: b.id, name: b.name, enabled: b.enabled, version: b.version, updated_at: b.updatedAt.toISOString() }));
  return c.json({ items }, 200);
});
