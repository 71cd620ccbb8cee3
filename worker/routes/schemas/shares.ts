// What the share link routes answer (routes/shares.ts).
import { z } from "@hono/zod-openapi";
import { RUN_STATUSES } from "../../../db/ledger/run-status";
import { SavedDocument } from "./bundles";

export const CreatedShare = z
  .object({
    id: z.string(),
    token: z.string().openapi({ description: "Shown in this response only; only its hash is stored" }),
    url: z.string(),
    embed_url: z.string(),
    iframe_snippet: z.string(),
    expires_at: z.string().nullable(),
    created_at: z.string(),
  })
  .openapi("CreatedShare");
export type CreatedShare = z.infer<typeof CreatedShare>;

export const ShareLink = z
  .object({
    id: z.string(),
    bundle_id: z.string(),
    bundle_name: z.string(),
    url_prefix: z.string().openapi({ description: "The link's first characters, to recognise it (the token is not stored)" }),
    expires_at: z.string().nullable(),
    revoked_at: z.string().nullable(),
    created_at: z.string(),
    created_by: z.string().nullable().openapi({ description: "User id; null when an API key created it" }),
  })
  .openapi("Share");
export type ShareLink = z.infer<typeof ShareLink>;

export const ShareList = z.object({ items: z.array(ShareLink) });
export type ShareList = z.infer<typeof ShareList>;

/** A shared bundle as anyone with the link sees it. */
export const PublicShare = z
  .object({
    bundle: SavedDocument,
    name: z.string(),
    apps: z.array(z.object({ app: z.string(), label: z.object({ en: z.string(), ru: z.string() }) })),
    status: z.enum(["enabled", "paused", "disabled"]).optional(),
    runs: z.array(z.object({ status: z.enum(RUN_STATUSES), started_at: z.string(), finished_at: z.string().nullable() })).optional(),
  })
  .openapi("PublicShare", { description: "Connections are placeholders and secrets are replaced by ••••; status and runs only on links that show runs" });
export type PublicShare = z.infer<typeof PublicShare>;
