// Sign-up, log-in and log-out (rest-api.md "Auth"). better-auth does the work; these routes
// keep the documented request and response shapes and set the session cookie for the dashboard.
import { createRoute, z } from "@hono/zod-openapi";
import { APIError } from "better-auth/api";
import type { Context } from "hono";
import { acceptInvitations, workspacesOf } from "../../db/queries/accounts";
import { database } from "../../db/client";
import { authFor } from "../auth/auth";
import { withKnownRole } from "../auth/roles";
import type { AppEnv } from "../http/context";
import { Conflict, Unauthorized } from "../errors";
import { EmailField, errors, jsonBody, jsonResponse, newRouter } from "../http/router";
import { createWorkspace } from "../workspaces/create-workspace";
import { LoginResult, SignupResult } from "./schemas/auth";


const Password = z.string().min(8, { message: "Use at least 8 characters." }).max(256);

const SignupBody = z
  .object({
    email: EmailField,
    password: Password,
    workspace_name: z.string().trim().min(1, { message: "Name your workspace." }).max(100),
    name: z.string().trim().max(100).optional(),
  })
  .openapi("SignupRequest");

const LoginBody = z.object({ email: EmailField, password: z.string().min(1).max(256) }).openapi("LoginRequest");

/** The 429 of the request limits in front of these routes (worker/http/rate-limits.ts, mounted in app.ts). */
function rateLimited(who: string) {
  return {
    429: {
      ...errors(429)[429],
      description: `Too many attempts ${who} (code \`rate_limited\`); nothing was done`,
      headers: { "Retry-After": { description: "Seconds until the limit's window ends", schema: { type: "integer" as const, example: 60 } } },
    },
  };
}

const signup = createRoute({
  method: "post",
  path: "/signup",
  tags: ["auth"],
  summary: "Create an account and its first workspace",
  request: jsonBody(SignupBody),
  responses: {
    201: jsonResponse(SignupResult, "Signed up and signed in"),
    ...errors(400, 409),
    ...rateLimited("from this address"),
  },
});

const login = createRoute({
  method: "post",
  path: "/login",
  tags: ["auth"],
  summary: "Sign in with email and password",
  request: jsonBody(LoginBody),
  responses: {
    200: jsonResponse(LoginResult, "Signed in; the token works as `Authorization: Bearer`"),
    ...errors(400, 401),
    ...rateLimited("for this account from this address, or from this address"),
  },
});

const logout = createRoute({
  method: "post",
  path: "/logout",
  tags: ["auth"],
  summary: "End the current session",
  responses: { 204: { description: "Signed out" } },
});

/** Passes better-auth's Set-Cookie headers on to our response. */
function forwardCookies(c: Context<AppEnv>, headers: Headers) {
  for (const cookie of headers.getSetCookie()) c.header("set-cookie", cookie, { append: true });
}

export const authRoutes = newRouter()
  .openapi(signup, async (c) => {
    const body = c.req.valid("json");
    const auth = authFor(c.env, c.req.url);
    let result;
    try {
      result = await auth.api.signUpEmail({
        body: { email: body.email, password: body.password, name: body.name || body.email.split("@")[0] },
        returnHeaders: true,
      });
    } catch (err) {
      if (err instanceof APIError && String(err.body?.code ?? "").startsWith("USER_ALREADY_EXISTS")) {
        throw new Conflict({ en: "An account with this email already exists. Log in instead.", ru: "Учётная запись с этой почтой уже есть. Войдите в неё." }, "/email");
      }
      throw err;
    }
    const { user, token } = result.response;
    if (!token) throw new Error("sign-up returned no session");
    const db = database(c.env);
    // Signing up with an invited email is the invitee's answer: their pending invitations are accepted.
    await acceptInvitations(db, user.id, body.email);
    const workspace = await createWorkspace(c.env, user.id, body.workspace_name);
    forwardCookies(c, result.headers);
    return c.json({ token, user_id: user.id, workspace_id: workspace.id }, 201);
  })
  .openapi(login, async (c) => {
    const body = c.req.valid("json");
    let result;
    try {
      result = await authFor(c.env, c.req.url).api.signInEmail({ body, returnHeaders: true });
    } catch (err) {
      if (err instanceof APIError && (err.statusCode === 401 || err.statusCode === 400)) {
        throw new Unauthorized({ en: "Wrong email or password.", ru: "Неверная почта или пароль." }, "/password");
      }
      throw err;
    }
    const { user, token } = result.response;
    forwardCookies(c, result.headers);
    const workspaces = await workspacesOf(database(c.env), user.id);
    return c.json({ token, user_id: user.id, workspaces: withKnownRole(workspaces) }, 200);
  })
  .openapi(logout, async (c) => {
    try {
      const result = await authFor(c.env, c.req.url).api.signOut({ headers: c.req.raw.headers, returnHeaders: true });
      forwardCookies(c, result.headers);
    } catch (err) {
      // Signing out without a session is still a successful sign-out.
      if (!(err instanceof APIError)) throw err;
    }
    return c.body(null, 204);
  });
