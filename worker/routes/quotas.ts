// A workspace's limits and what it uses of them (docs/reliability.md "Quotas"). Any member.
import { createRoute } from "@hono/zod-openapi";
import { workspaceMember } from "../http/access";
import { bearerSecurity, errors, jsonResponse, newRouter, WorkspaceParam } from "../http/router";
import { countBundles } from "../../db/queries/quotas";
import { limitsFor, nextMonthStart } from "../quotas/limits";
import { WorkspaceLedgers } from "../runs/workspace-ledgers";
import { Quotas } from "./schemas/quotas";

const get = createRoute({
  tags: ["quotas"],
  security: bearerSecurity,
  middleware: [workspaceMember],
  method: "get",
  path: "/w/{ws}/quotas",
  summary: "The workspace's limits and usage: runs this month, bundles, steps per run",
  request: { params: WorkspaceParam },
  responses: {
    200: jsonResponse(Quotas, "Limits and usage"),
    ...errors(401, 404),
  },
});

export const quotaRoutes = newRouter().openapi(get, async (c) => {
  const scope = c.get("scope");
  const [limits, bundles] = await Promise.all([limitsFor(c.env, scope), countBundles(scope)]);
  // The month's runs of a split workspace are the sum of its shards' counts.
  const runsThisMonth = await new WorkspaceLedgers(c.env, scope.workspaceId, { shards: limits.ledgerShards, spread: limits.ledgerSpread }).runsInMonth();
  return c.json(
    {
      runs_per_month: { limit: limits.runsPerMonth, used: runsThisMonth, resets_at: nextMonthStart().toISOString() },
      bundles: { limit: limits.bundles, used: bundles },
      steps_per_run: { limit: limits.stepsPerRun },
    },
    200,
  );
});
