// What signing up and signing in answer (routes/auth.ts).
import { z } from "@hono/zod-openapi";
import { WorkspaceSummary } from "./workspaces";

export const SignupResult = z.object({ token: z.string(), user_id: z.string(), workspace_id: z.string() });
export type SignupResult = z.infer<typeof SignupResult>;

export const LoginResult = z.object({ token: z.string(), user_id: z.string(), workspaces: z.array(WorkspaceSummary) });
export type LoginResult = z.infer<typeof LoginResult>;
