// What the quotas route answers (routes/quotas.ts).
import { z } from "@hono/zod-openapi";

const Quota = z.object({ limit: z.number().int(), used: z.number().int() });

export const Quotas = z.object({
  runs_per_month: Quota.extend({ resets_at: z.string() }),
  bundles: Quota,
  steps_per_run: z.object({ limit: z.number().int() }),
});
export type Quotas = z.infer<typeof Quotas>;
