// The Hono environment shared by every route: bindings plus what the access middleware learnt.
import type { WorkspaceScope } from "../../db/queries/workspace-scope";
import type { Role } from "../auth/role-names";
import type { Env } from "../env";

/** Who is calling: a signed-in user (cookie or Bearer session token) or a workspace API key. */
export type Principal =
  | { kind: "user"; userId: string; email: string; via: "cookie" | "bearer" }
  | { kind: "api_key"; keyId: string; workspaceId: string; role: Role };

export interface AppEnv {
  Bindings: Env;
  Variables: {
    principal: Principal;
    scope: WorkspaceScope;
    role: Role;
  };
}
