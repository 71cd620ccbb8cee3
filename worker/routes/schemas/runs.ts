// What the run routes answer (routes/runs.ts, bundle-stats.ts).
import { z } from "@hono/zod-openapi";
import { RUN_STATUSES, STEP_STATUSES } from "../../../db/ledger/run-status";

export const Run = z
  .object({
    id: z.string(),
    bundle_id: z.string(),
    bundle_version: z.number().int(),
    status: z.enum(RUN_STATUSES),
    error: z.string().nullable(),
    trigger: z.unknown(),
    retry_of: z.string().nullable(),
    created_at: z.string(),
    started_at: z.string().nullable(),
    finished_at: z.string().nullable(),
  })
  .openapi("Run");
export type Run = z.infer<typeof Run>;

export const StepLog = z
  .object({
    id: z.string(),
    status: z.enum(STEP_STATUSES),
    attempt: z.number().int(),
    input: z.unknown(),
    output: z.unknown(),
    error: z.string().nullable(),
    notes: z.array(z.string()),
    started_at: z.string(),
    duration_ms: z.number().int(),
  })
  .openapi("StepLog");
export type StepLog = z.infer<typeof StepLog>;

export const RunDetail = Run.extend({ steps: z.array(StepLog) });
export type RunDetail = z.infer<typeof RunDetail>;

export const RunPage = z.object({ items: z.array(Run), next_cursor: z.string().nullable() });
export type RunPage = z.infer<typeof RunPage>;

/** A forced run; a polling bundle run without a payload polls now instead. */
export const ForcedRun = z.union([
  z.object({ run_id: z.string() }),
  z.object({ run_ids: z.array(z.string()), polled: z.literal(true), primed: z.boolean() }),
]);
export type ForcedRun = z.infer<typeof ForcedRun>;

export const RetriedRun = z.object({ run_id: z.string() });
export type RetriedRun = z.infer<typeof RetriedRun>;

export const RetriedRuns = z.object({ items: z.array(z.object({ run_id: z.string(), retry_of: z.string() })) });
export type RetriedRuns = z.infer<typeof RetriedRuns>;

export const HourBucket = z.object({
  hour: z.string().openapi({ description: "Start of the hour, UTC" }),
  succeeded: z.number().int(),
  failed: z.number().int(),
  other: z.number().int().openapi({ description: "queued, running, stopped or filtered" }),
});
export type HourBucket = z.infer<typeof HourBucket>;

export const RunStats = z.object({ buckets: z.array(HourBucket) });
export type RunStats = z.infer<typeof RunStats>;

export const SheetSync = z
  .object({
    next_row: z.number().int().nullable().openapi({ description: "The sheet row the next read starts at (rows above it are read); null before the first read" }),
    runs: z.object({
      started: z.number().int().openapi({ description: "Runs the sync started (one per new row)" }),
      open: z.number().int().openapi({ description: "Of those, queued or running" }),
      finished: z.number().int(),
      failed: z.number().int(),
    }),
  })
  .openapi("SheetSync");
export type SheetSync = z.infer<typeof SheetSync>;
