// The connector catalogue (GET /api/v1/apps): every app's connection fields, triggers and
// actions with their JSON Schemas and labels in English and Russian. Public: it holds no
// tenant data, and the dashboard builds its forms from it.
import { createRoute, z } from "@hono/zod-openapi";
import { catalogueJson } from "../connectors/catalogue";
import { jsonResponse, newRouter } from "../http/router";

const apps = createRoute({
  method: "get",
  path: "/apps",
  tags: ["connections"],
  summary: "The connector catalogue",
  responses: { 200: jsonResponse(z.looseObject({ apps: z.array(z.looseObject({ app: z.string() })) }), "Apps") },
});

export const appRoutes = newRouter().openapi(apps, (c) => c.json(catalogueJson() as { apps: Array<{ app: string }> }, 200));
