// A bundle's runs per hour by status (GET /w/:ws/bundles/:id/stats): the data behind the run
// chart on the runs page, so people can see at a glance when a bundle started failing.
import { createRoute, z } from "@hono/zod-openapi";
import { getBundle } from "../../db/queries/bundles";
import { workspaceMember } from "../http/access";
import { NotFound } from "../errors";
import { NO_SUCH_BUNDLE } from "../http/messages";
import { workspaceLedgers } from "../runs/workspace-ledgers";
import { bearerSecurity, errors, jsonResponse, newRouter, WorkspaceParam } from "../http/router";
import { RunStats } from "./schemas/runs";

const stats = createRoute({
  tags: ["runs"],
  security: bearerSecurity,
  middleware: [workspaceMember],
  method: "get",
  path: "/w/{ws}/bundles/{id}/stats",
  summary: "Runs of the bundle per hour by status, the last `hours` hours (oldest first, the current hour last)",
  request: {
    params: WorkspaceParam.extend({ id: z.string().openapi({ param: { name: "id", in: "path" } }) }),
    query: z.object({ hours: z.coerce.number().int().min(1).max(168).default(24) }),
  },
  responses: {
    200: jsonResponse(RunStats, "Runs per hour"),
    ...errors(400, 401, 404),
  },
});

export const bundleStatsRoutes = newRouter().openapi(stats, async (c) => {
  const scope = c.get("scope");
  const { id } = c.req.valid("param");
  const [bundle, ledgers] = await Promise.all([getBundle(scope, id), workspaceLedgers(c.env, scope)]);
  if (!bundle) throw new NotFound(NO_SUCH_BUNDLE, "/id");
  const buckets = await ledgers.bundleRunsPerHour(id, c.req.valid("query").hours);
  return c.json({ buckets: buckets.map((b) => ({ ...b, hour: b.hour.toISOString() })) }, 200);
});
