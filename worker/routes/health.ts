// Liveness, and proof that the Cron Trigger ticks (locally, scripts/start.ts drives it).
import { createRoute, z } from "@hono/zod-openapi";
import { readSystemState } from "../../db/queries/system-state";
import { database } from "../../db/client";
import { jsonResponse, newRouter } from "../http/router";
import { LAST_TICK_KEY } from "../schedule/cron-tick";

const health = createRoute({
  method: "get",
  path: "/health",
  tags: ["system"],
  summary: "Liveness and the time of the last cron tick",
  responses: { 200: jsonResponse(z.object({ ok: z.boolean(), last_cron_tick_at: z.string().nullable() }), "Up") },
});

export const healthRoutes = newRouter().openapi(health, async (c) => {
  const last = await readSystemState(database(c.env), LAST_TICK_KEY);
  return c.json({ ok: true, last_cron_tick_at: last ?? null }, 200);
});
