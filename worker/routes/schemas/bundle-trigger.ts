// What the trigger routes of a bundle answer (routes/bundle-trigger.ts).
import { z } from "@hono/zod-openapi";

export const LoadedTestData = z.object({ test_data: z.unknown(), source: z.string() });
export type LoadedTestData = z.infer<typeof LoadedTestData>;
