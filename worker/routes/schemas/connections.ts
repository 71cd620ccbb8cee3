// What the connection routes answer (routes/connections.ts, connection-oauth.ts, telegram-link.ts).
import { z } from "@hono/zod-openapi";

export const CONNECTION_STATUSES = ["untested", "active", "inactive"] as const;

export const Connection = z
  .object({
    id: z.string(),
    app: z.string(),
    name: z.string(),
    fields: z.record(z.string(), z.unknown()).openapi({ description: "Non-secret fields only" }),
    secret_fields_set: z.array(z.string()).openapi({ description: "Names of the secret fields that have a value" }),
    status: z.enum(CONNECTION_STATUSES),
    status_reason: z.string().nullable(),
    tested_at: z.string().nullable(),
    created_at: z.string(),
  })
  .openapi("Connection");
export type Connection = z.infer<typeof Connection>;

export const ConnectionList = z.object({ items: z.array(Connection) });
export type ConnectionList = z.infer<typeof ConnectionList>;

export const ConnectionTest = z.object({ ok: z.boolean(), error: z.string().optional() });
export type ConnectionTest = z.infer<typeof ConnectionTest>;

export const OAuthStart = z.object({ authorize_url: z.string() });
export type OAuthStart = z.infer<typeof OAuthStart>;

export const TelegramLink = z.object({ url: z.string(), code: z.string(), expires_at: z.string() });
export type TelegramLink = z.infer<typeof TelegramLink>;
