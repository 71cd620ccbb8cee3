// GET /api/v1/internal/meter (the counts) and DELETE (reset them), answered only when METER
// is "true"; otherwise the request falls through to the API's 404, as for any unknown route.
// Not an OpenAPI route: it is a tool for the scale bench, not part of the product.
import type { Context, Next } from "hono";
import type { Env } from "../env";
import { resetCounts, snapshot } from "./counters";
import { meteredBindings, meterOn } from "./metered-env";

export const METER_PATH = "/api/v1/internal/meter";

export async function meterRoute(c: Context<{ Bindings: Env }>, next: Next) {
  if (!meterOn(c.env)) return next();
  if (c.req.method === "DELETE") resetCounts();
  return c.json({ bindings: meteredBindings(c.env), ...snapshot() });
}
