// What the bundle routes answer (routes/bundles.ts, bundle-transfer.ts), and the bundle/1
// document as the OpenAPI document describes it.
import { z } from "@hono/zod-openapi";
import type { Bundle } from "../../flow/bundle-schema";
import { RUN_STATUSES } from "../../../db/ledger/run-status";

/** A bundle/1 document as sent: only its format is checked here, the rest by validate.ts. */
export const BundleDocument = z
  .looseObject({ format: z.literal("bundle/1") })
  .openapi("BundleDocument", { description: "A bundle/1 document (shared/spec/bundle-format.md)" });

/**
 * A document the API gives back: it was validated when saved, so it is a whole bundle/1 and is
 * typed so; the OpenAPI document describes it as BundleDocument (the same schema object).
 */
export const SavedDocument = BundleDocument as unknown as z.ZodType<Bundle, Bundle>;

export const BundleSummary = z
  .object({
    id: z.string(),
    name: z.string(),
    enabled: z.boolean(),
    version: z.number().int(),
    paused_reason: z.string().nullable(),
    trigger: z.object({ app: z.string(), event: z.string() }),
    webhook_url: z.string().nullable().openapi({ description: "The public URL for webhook and VK triggers; null for others" }),
    next_run_at: z.string().nullable().openapi({ description: "When an enabled schedule or polling trigger fires next" }),
    updated_at: z.string(),
  })
  .openapi("BundleSummary");
export type BundleSummary = z.infer<typeof BundleSummary>;

export const BundleListItem = BundleSummary.extend({
  last_run: z
    .object({ id: z.string(), status: z.enum(RUN_STATUSES), started_at: z.string() })
    .nullable()
    .openapi({ description: "The newest run (a queued one counts from when it was created)" }),
  runs_today: z.number().int().openapi({ description: "Runs started since midnight in the workspace's time zone" }),
}).openapi("BundleListItem");
export type BundleListItem = z.infer<typeof BundleListItem>;

export const BundleList = z.object({ items: z.array(BundleListItem) });
export type BundleList = z.infer<typeof BundleList>;

export const BundleDetail = BundleSummary.extend({
  document: SavedDocument,
  test_data: z.unknown().openapi({ description: "The stored test data (the trigger's sample), or null" }),
  created_at: z.string(),
}).openapi("Bundle");
export type BundleDetail = z.infer<typeof BundleDetail>;

export const CreatedBundle = z.object({ id: z.string(), version: z.number().int(), webhook_url: z.string().nullable() });
export type CreatedBundle = z.infer<typeof CreatedBundle>;

/** A bundle and its version after a save, a copy or an import. */
export const BundleRef = z.object({ id: z.string(), version: z.number().int() });
export type BundleRef = z.infer<typeof BundleRef>;

export const BundleVersion = z.object({ version: z.number().int(), created_at: z.string(), created_by: z.string().nullable() });
export type BundleVersion = z.infer<typeof BundleVersion>;

export const BundleVersionList = z.object({ items: z.array(BundleVersion) });
export type BundleVersionList = z.infer<typeof BundleVersionList>;

export const VersionDocument = z.object({ version: z.number().int(), document: SavedDocument });
export type VersionDocument = z.infer<typeof VersionDocument>;
