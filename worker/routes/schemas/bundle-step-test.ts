// What testing one step answers (routes/bundle-step-test.ts).
import { z } from "@hono/zod-openapi";

export const StepTest = z
  .object({
    input: z.unknown().openapi({ description: "The rendered input, secrets redacted" }),
    request: z.object({ method: z.string(), url: z.string(), headers: z.record(z.string(), z.string()), body: z.unknown() }).nullable(),
    response: z.object({ status: z.number().int(), body: z.unknown() }).nullable(),
    output: z.unknown(),
    error: z.object({ code: z.string(), message: z.string() }).nullable(),
    notes: z.array(z.string()),
  })
  .openapi("StepTest");
export type StepTest = z.infer<typeof StepTest>;
