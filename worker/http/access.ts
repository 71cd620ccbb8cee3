// Authentication and workspace access. Routes under /api/v1/w/:ws get a WorkspaceScope only
// after the caller is shown to belong to that workspace; a workspace the caller cannot see
// answers 404, exactly like one that does not exist. Operator routes (/api/v1/internal/…) take
// the OPERATOR_TOKEN secret instead of a person or a workspace key.
import type { Context, MiddlewareHandler } from "hono";
import { findLiveApiKeyByHash, touchApiKey } from "../../db/queries/api-keys";
import { membershipRole } from "../../db/queries/accounts";
import { openWorkspaceScope } from "../../db/queries/workspace-scope";
import { database } from "../../db/client";
import { authFor } from "../auth/auth";
import type { Role } from "../auth/role-names";
import { isRole, roleAllows } from "../auth/roles";
import { sha256, sha256Hex } from "../bytes/sha256";
import { looksLikeApiKey } from "../security/api-key-token";
import type { AppEnv, Principal } from "./context";
import { Forbidden, NotFound, Unauthorized } from "../errors";
import { NO_SUCH_WORKSPACE, noRoute } from "./messages";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
const API_KEY_TOUCH_MS = 60_000;

function bearerToken(req: Request): string | undefined {
  const header = req.headers.get("authorization");
  const match = header?.match(/^Bearer\s+(\S+)$/i);
  return match?.[1];
}

/**
 * Cookie-authenticated writes must come from our own pages: browsers send Origin on every
 * cross-site POST/PUT/PATCH/DELETE, so a foreign or missing Origin is refused (CSRF).
 */
function assertSameOrigin(c: Context<AppEnv>) {
  if (SAFE_METHODS.has(c.req.method)) return;
  const origin = c.req.header("origin");
  if (origin !== new URL(c.req.url).origin) {
    throw new Forbidden({ en: "Cross-site request refused: the Origin header does not match this site.", ru: "Межсайтовый запрос отклонён: заголовок Origin не совпадает с этим сайтом." });
  }
}

async function resolvePrincipal(c: Context<AppEnv>): Promise<Principal> {
  const token = bearerToken(c.req.raw);
  if (token && looksLikeApiKey(token)) {
    const db = database(c.env);
    const key = await findLiveApiKeyByHash(db, await sha256Hex(token));
    if (!key || !isRole(key.role)) throw new Unauthorized({ en: "The API key is unknown, revoked or expired.", ru: "API-ключ неизвестен, отозван или просрочен." });
    if (!key.lastUsedAt || Date.now() - key.lastUsedAt.getTime() > API_KEY_TOUCH_MS) {
      c.executionCtx.waitUntil(touchApiKey(db, key.id));
    }
    return { kind: "api_key", keyId: key.id, workspaceId: key.workspaceId, role: key.role };
  }
  const session = await authFor(c.env, c.req.url).api.getSession({ headers: c.req.raw.headers });
  if (!session) {
    throw new Unauthorized(token ? { en: "The session token is invalid or expired. Log in again.", ru: "Токен сеанса неверен или просрочен. Войдите снова." } : { en: "Log in or send an Authorization: Bearer token.", ru: "Войдите или передайте токен в заголовке Authorization: Bearer." });
  }
  const principal: Principal = { kind: "user", userId: session.user.id, email: session.user.email, via: token ? "bearer" : "cookie" };
  if (principal.via === "cookie") assertSameOrigin(c);
  return principal;
}

/** Shorter OPERATOR_TOKENs are refused: the token opens every workspace's secrets to re-encryption. */
export const OPERATOR_TOKEN_MIN_LENGTH = 32;

/**
 * For operator routes: `Authorization: Bearer <OPERATOR_TOKEN>`. Without that secret the routes
 * do not exist (404, like any unknown path); a wrong or missing token is 401.
 */
export const operatorOnly: MiddlewareHandler<AppEnv> = async (c, next) => {
  const expected = c.env.OPERATOR_TOKEN;
  if (!expected) throw new NotFound(noRoute(c.req.raw));
  if (expected.length < OPERATOR_TOKEN_MIN_LENGTH) {
    throw new Unauthorized({
      en: `OPERATOR_TOKEN is shorter than ${OPERATOR_TOKEN_MIN_LENGTH} characters, so operator routes are refused; set a longer one (openssl rand -hex 32).`,
      ru: `OPERATOR_TOKEN короче ${OPERATOR_TOKEN_MIN_LENGTH} символов, поэтому маршруты оператора отклонены; задайте более длинный (openssl rand -hex 32).`,
    });
  }
  const given = bearerToken(c.req.raw);
  if (!given || !(await sameSecret(given, expected))) {
    throw new Unauthorized({ en: "Send the operator token: Authorization: Bearer <OPERATOR_TOKEN>.", ru: "Передайте токен оператора: Authorization: Bearer <OPERATOR_TOKEN>." });
  }
  await next();
};

/** Compares digests in constant time, so the answer's timing says nothing about the token. */
async function sameSecret(a: string, b: string): Promise<boolean> {
  return crypto.subtle.timingSafeEqual(await sha256(a), await sha256(b));
}

/** Any authenticated caller. */
export const authenticated: MiddlewareHandler<AppEnv> = async (c, next) => {
  c.set("principal", await resolvePrincipal(c));
  await next();
};

/** A signed-in person, not an API key (account-level routes such as /me). */
export const userOnly: MiddlewareHandler<AppEnv> = async (c, next) => {
  const principal = await resolvePrincipal(c);
  if (principal.kind !== "user") throw new Forbidden({ en: "API keys belong to one workspace; use /api/v1/w/:workspace_id/... routes.", ru: "API-ключ принадлежит одному рабочему пространству; используйте маршруты вида /api/v1/w/:workspace_id/..." });
  c.set("principal", principal);
  await next();
};

/** For /api/v1/w/:ws/*: the caller must belong to :ws. Sets `scope` and `role`. */
export const workspaceMember: MiddlewareHandler<AppEnv> = async (c, next) => {
  const principal = await resolvePrincipal(c);
  const workspaceId = c.req.param("ws") ?? "";
  const notFound = new NotFound(NO_SUCH_WORKSPACE, "/workspace_id");
  let role: string | undefined;
  if (principal.kind === "api_key") {
    if (principal.workspaceId !== workspaceId) throw notFound;
    role = principal.role;
  } else {
    role = await membershipRole(database(c.env), principal.userId, workspaceId);
  }
  if (!isRole(role)) throw notFound;
  c.set("principal", principal);
  c.set("role", role);
  c.set("scope", openWorkspaceScope(database(c.env), workspaceId));
  await next();
};

/** Throws 403 unless the caller's role in the workspace is at least `needed`. */
export function requireRole(c: Context<AppEnv>, needed: Role) {
  if (!roleAllows(c.get("role"), needed)) {
    throw new Forbidden({ en: `This needs the ${needed} role or higher; you are ${c.get("role")}.`, ru: `Для этого нужна роль ${needed} или выше; ваша роль — ${c.get("role")}.` });
  }
}
