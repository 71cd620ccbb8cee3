// What the audit log route answers (routes/audit.ts).
import { z } from "@hono/zod-openapi";

export const AuditEvent = z
  .object({
    id: z.string(),
    at: z.string(),
    actor: z.object({ kind: z.enum(["user", "api_key"]), id: z.string(), label: z.string() }),
    action: z.string().openapi({ example: "bundle.updated" }),
    target: z.object({ type: z.string(), id: z.string() }),
    detail: z.string().nullable(),
  })
  .openapi("AuditEvent");
export type AuditEvent = z.infer<typeof AuditEvent>;

export const AuditPage = z.object({ items: z.array(AuditEvent), next_cursor: z.string().nullable() });
export type AuditPage = z.infer<typeof AuditPage>;
