// The workspace settings as GET/PATCH /w/:ws/settings answer them; PATCH takes any part of
// them (routes/settings.ts).
import { z } from "@hono/zod-openapi";
import { isTimeZone } from "../../flow/bundle-schema";

export const WorkspaceSettings = z
  .object({
    timezone: z.string().refine(isTimeZone, { message: "Use an IANA time zone such as Europe/Moscow." }),
    phone_country: z.string().regex(/^[A-Z]{2}$/, { message: "Use a two-letter country code such as RU." }),
    log_retention_days: z.number().int().min(1).max(365),
    pause_after_failures: z.number().int().min(0).max(1000).openapi({ description: "0 = never pause" }),
    notify_on_failure: z
      .object({ connection: z.string().min(1), chat_id: z.string().trim().min(1, { message: "Enter the chat ID." }) })
      .nullable()
      .openapi({ description: "A Telegram connection and chat told about failed runs of bundles without their own; null = off" }),
    hook_rate_per_second: z
      .number()
      .int()
      .min(1)
      .max(1000)
      .openapi({ description: "Webhook deliveries per second each bundle URL of the workspace accepts; more are answered 429 with Retry-After and not stored. Default 100" }),
    ledger_shards: z
      .number()
      .int()
      .min(1)
      .max(64)
      .openapi({ description: "How many run ledgers the workspace's runs are split over, by bundle (docs/scale.md). Default 1; only the owner changes it, and only upwards" }),
    ledger_spread: z
      .array(z.string().min(1))
      .max(64)
      .openapi({
        description:
          "Bundles (ids) whose runs are spread over all the run ledgers by event instead of kept in their bundle's one: for a bundle too busy for one ledger (docs/scale.md). Default empty; only the owner changes it, and only by adding",
      }),
  })
  .openapi("WorkspaceSettings");
export type WorkspaceSettings = z.infer<typeof WorkspaceSettings>;
