// Workspace settings: timezone, default phone country, log retention, and after how many
// failed runs in a row a bundle is paused. Everyone reads; owners and admins change them.
import { createRoute, z } from "@hono/zod-openapi";
import { getSettings, saveSettings, type WorkspaceSettings } from "../../db/queries/settings";
import { isTimeZone } from "../flow";
import { audit } from "../audit/record";
import { requireRole, workspaceMember } from "../http/access";
import { bearerSecurity, errors, jsonBody, jsonResponse, newRouter, WorkspaceParam } from "../http/router";

const Settings = z
  .object({
    timezone: z.string().refine(isTimeZone, { message: "Use an IANA time zone such as Europe/Moscow." }),
    phone_country: z.string().regex(/^[A-Z]{2}$/, { message: "Use a two-letter country code such as RU." }),
    log_retention_days: z.number().int().min(1).max(365),
    pause_after_failures: z.number().int().min(0).max(1000).openapi({ description: "0 = never pause" }),
  })
  .openapi("WorkspaceSettings");

const base = { tags: ["account"], security: bearerSecurity, middleware: [workspaceMember] };

const get = createRoute({
  ...base,
  method: "get",
  path: "/w/{ws}/settings",
  summary: "Workspace settings",
  request: { params: WorkspaceParam },
  responses: { 200: jsonResponse(Settings, "Settings"), ...errors(401, 404) },
});

const patch = createRoute({
  ...base,
  method: "patch",
  path: "/w/{ws}/settings",
  summary: "Change workspace settings",
  request: { params: WorkspaceParam, ...jsonBody(Settings.partial()) },
  responses: { 200: jsonResponse(Settings, "Saved"), ...errors(400, 401, 403, 404) },
});

const toJson = (s: WorkspaceSettings) => ({
  timezone: s.timezone,
  phone_country: s.phoneCountry,
  log_retention_days: s.logRetentionDays,
  pause_after_failures: s.pauseAfterFailures,
});

export const settingsRoutes = newRouter()
  .openapi(get, async (c) => c.json(toJson(await getSettings(c.get("scope"))), 200))
  .openapi(patch, async (c) => {
    requireRole(c, "admin");
    const body = c.req.valid("json");
    const saved = await saveSettings(c.get("scope"), {
      ...(body.timezone !== undefined && { timezone: body.timezone }),
      ...(body.phone_country !== undefined && { phoneCountry: body.phone_country }),
      ...(body.log_retention_days !== undefined && { logRetentionDays: body.log_retention_days }),
      ...(body.pause_after_failures !== undefined && { pauseAfterFailures: body.pause_after_failures }),
    });
    await audit(c, "settings.updated", c.get("scope").workspaceId, Object.keys(body).join(", "));
    return c.json(toJson(saved), 200);
  });
