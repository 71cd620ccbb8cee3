// What the members routes answer (routes/members.ts).
import { z } from "@hono/zod-openapi";
import { ROLES } from "../../auth/role-names";

export const Member = z
  .object({
    id: z.string().openapi({ description: "The user id of an active member; the invitation id of an invited one" }),
    email: z.string(),
    name: z.string(),
    role: z.enum(ROLES),
    status: z.enum(["active", "invited"]),
    created_at: z.string(),
  })
  .openapi("Member");
export type Member = z.infer<typeof Member>;

export const MemberList = z.object({ items: z.array(Member) });
export type MemberList = z.infer<typeof MemberList>;
