// better-auth configured for workerd on D1: email + password users, sessions as HttpOnly
// cookies (dashboard) or Bearer tokens (scripts), workspaces as organizations.
import { betterAuth } from "better-auth";
import { drizzleAdapter } from "better-auth/adapters/drizzle";
import { bearer, organization } from "better-auth/plugins";
import * as schema from "../../db/schema";
import { database } from "../../db/client";
import type { Env } from "../env";
import { hashPassword, verifyPassword } from "./password";
import { accessControl, organizationRoles } from "./roles";

export const SESSION_DAYS = 30;

function createAuth(env: Env, baseURL: string) {
  return betterAuth({
    appName: "Svyazka",
    baseURL,
    basePath: "/api/v1/auth/lib",
    secret: env.BETTER_AUTH_SECRET,
    database: drizzleAdapter(database(env), { provider: "sqlite", schema }),
    emailAndPassword: {
      enabled: true,
      minPasswordLength: 8,
      maxPasswordLength: 256,
      password: { hash: hashPassword, verify: verifyPassword },
    },
    session: { expiresIn: 60 * 60 * 24 * SESSION_DAYS, updateAge: 60 * 60 * 24 },
    advanced: {
      cookiePrefix: "svyazka",
      useSecureCookies: baseURL.startsWith("https://"),
      defaultCookieAttributes: { httpOnly: true, sameSite: "lax", path: "/" },
    },
    telemetry: { enabled: false },
    plugins: [
      bearer(),
      organization({ ac: accessControl, roles: organizationRoles, creatorRole: "owner", allowUserToCreateOrganization: true }),
    ],
  });
}

export type Auth = ReturnType<typeof createAuth>;

const cache = new WeakMap<Env, Map<string, Auth>>();

/**
 * One better-auth instance per Worker env and origin, built on first use. The origin is
 * PUBLIC_URL when set, else the one the request came to (so cookies are Secure on https).
 */
export function authFor(env: Env, requestUrl = "http://localhost:8787"): Auth {
  const baseURL = env.PUBLIC_URL || new URL(requestUrl).origin;
  let byOrigin = cache.get(env);
  if (!byOrigin) {
    byOrigin = new Map();
    cache.set(env, byOrigin);
  }
  let auth = byOrigin.get(baseURL);
  if (!auth) {
    auth = createAuth(env, baseURL);
    byOrigin.set(baseURL, auth);
  }
  return auth;
}
