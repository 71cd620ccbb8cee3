// The next firings of a schedule, so the editor can show them before the bundle is saved.
// Pure computation, no tenant data.
import { createRoute, z } from "@hono/zod-openapi";
import { ScheduleSchema } from "../flow";
import { cronProblem } from "../flow/cron";
import { jsonPointer } from "../json/pointer";
import { ValidationFailed } from "../errors";
import { issueInRussian } from "../i18n";
import { errors, jsonBody, jsonResponse, newRouter } from "../http/router";
import { nextRuns } from "../schedule/next-run";
import { NextRuns } from "./schemas/schedule-preview";

const preview = createRoute({
  method: "post",
  path: "/schedule/next-runs",
  tags: ["bundles"],
  summary: "The next firings of a schedule (every_minutes, at + days + timezone, or cron)",
  request: jsonBody(z.object({ schedule: z.unknown(), count: z.number().int().min(1).max(20).default(5), after: z.iso.datetime().optional() })),
  responses: { 200: jsonResponse(NextRuns, "Upcoming times (UTC, ISO 8601)"), ...errors(400) },
});

export const schedulePreviewRoutes = newRouter().openapi(preview, (c) => {
  const body = c.req.valid("json");
  const parsed = ScheduleSchema.safeParse(body.schedule);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ValidationFailed({ en: issue.message, ru: issueInRussian(issue) }, "/schedule" + jsonPointer(issue.path));
  }
  const never = cronProblem(parsed.data);
  if (never) throw new ValidationFailed(never, "/schedule/cron");
  const after = body.after ? new Date(body.after) : new Date();
  return c.json({ next: nextRuns(parsed.data, after, body.count).map((d) => d.toISOString()) }, 200);
});
