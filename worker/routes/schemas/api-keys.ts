// What the API key routes answer (routes/api-keys.ts).
import { z } from "@hono/zod-openapi";
import { ROLES } from "../../auth/role-names";

export const ApiKey = z
  .object({
    id: z.string(),
    name: z.string(),
    prefix: z.string().openapi({ description: "The first characters of the key, to recognise it" }),
    role: z.enum(ROLES),
    created_at: z.string(),
    last_used_at: z.string().nullable(),
  })
  .openapi("ApiKey");
export type ApiKey = z.infer<typeof ApiKey>;

export const ApiKeyList = z.object({ items: z.array(ApiKey) });
export type ApiKeyList = z.infer<typeof ApiKeyList>;

/** Returned once, on creation: `key` is never shown again. */
export const CreatedApiKey = z.object({ id: z.string(), name: z.string(), prefix: z.string(), role: z.enum(ROLES), key: z.string() });
export type CreatedApiKey = z.infer<typeof CreatedApiKey>;
