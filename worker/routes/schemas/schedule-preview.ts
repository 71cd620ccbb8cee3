// What the schedule preview answers (routes/schedule-preview.ts).
import { z } from "@hono/zod-openapi";

export const NextRuns = z.object({ next: z.array(z.string()) });
export type NextRuns = z.infer<typeof NextRuns>;
