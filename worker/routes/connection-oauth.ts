// Connecting an app with OAuth 2.0 (authorization code): POST …/connections/oauth/start keeps
// an unguessable state (hashed, single use, 10 minutes, bound to the workspace and the user)
// and answers the service's consent URL; the service sends the browser back to
// GET /api/v1/oauth/callback, which needs the same user's session cookie, trades the code for
// tokens, stores the connection (secrets encrypted), tests it and redirects to the dashboard.
import { createRoute, z } from "@hono/zod-openapi";
import { membershipRole } from "../../db/queries/accounts";
import { insertConnection } from "../../db/queries/connections";
import { claimOAuthState, deleteOAuthStatesExpiredBefore, findOAuthState, insertOAuthState } from "../../db/queries/oauth-states";
import { openWorkspaceScope } from "../../db/queries/workspace-scope";
import { database } from "../../db/client";
import { audit } from "../audit/record";
import { auditDetail } from "../audit/details";
import { authFor } from "../auth/auth";
import { isRole, roleAllows } from "../auth/roles";
import { checkFields, declarationOf } from "../connections/connection-fields";
import { httpClientFor } from "../connections/http-client-for";
import type { OAuthErrorCode } from "../connections/oauth-error-codes";
import { testConnection } from "../connections/test-connection";
import { randomBase64Url } from "../bytes/random";
import { redactText } from "../redaction/text";
import { ConnectorError } from "../connectors/types";
import { Forbidden, Unauthorized, ValidationFailed } from "../errors";
import { requireRole, workspaceMember } from "../http/access";
import { appUrl } from "../links/app-url";
import { bearerSecurity, errors, jsonBody, jsonResponse, newRouter, WorkspaceParam } from "../http/router";
import { inLocale, issueInRussian } from "../i18n";
import { logEvent } from "../observability/log";
import { sha256Hex } from "../bytes/sha256";
import { decryptSecrets, encryptSecrets } from "../security/secrets-crypto";
import { OAuthStart } from "./schemas/connections";

export const OAUTH_STATE_TTL_MS = 10 * 60_000;
/** Expired states are kept this long, so a late callback still hears "expired", not "unknown". */
const EXPIRED_STATE_KEPT_MS = 24 * 3_600_000;
export const OAUTH_CALLBACK_PATH = "/api/v1/oauth/callback";

const start = createRoute({
  tags: ["connections"],
  security: bearerSecurity,
  middleware: [workspaceMember],
  method: "post",
  path: "/w/{ws}/connections/oauth/start",
  summary: "Start connecting an app with OAuth: answers the service's consent URL to send the browser to",
  request: {
    params: WorkspaceParam,
    ...jsonBody(
      z.object({
        app: z.string().min(1),
        name: z.string().trim().min(1, { message: "Name the connection." }).max(100),
        fields: z.record(z.string(), z.unknown()).default({}).openapi({ description: "The app's `oauth.fields` (GET /apps)" }),
      }),
    ),
  },
  responses: { 200: jsonResponse(OAuthStart, "Where to send the browser"), ...errors(400, 401, 403, 404) },
});

const callback = createRoute({
  tags: ["connections"],
  method: "get",
  path: "/oauth/callback",
  summary: "Where the service sends the browser back (needs the session cookie of the user who started)",
  request: { query: z.looseObject({ code: z.string().optional(), state: z.string().optional(), error: z.string().optional() }) },
  responses: {
    302: { description: "To /w/<ws>/connections?connected=<id>, or ?oauth_error=<code>&app=<app> (codes: expired, used, denied, no_code, not_editor, refused)" },
    ...errors(400, 401, 403),
  },
});

/** The fields given before the redirect: only the flow's, each checked by the app's schema. */
function oauthFields(app: string, given: Record<string, unknown>) {
  const declaration = declarationOf(app);
  const flow = declaration.oauth;
  if (!flow) {
    throw new ValidationFailed({ en: `${app} is not connected with OAuth; create the connection with its fields instead.`, ru: `${app} не подключается через OAuth; создайте подключение, заполнив его поля.` }, "/app");
  }
  const shape = (declaration.fields as unknown as { shape: Record<string, z.ZodType> }).shape;
  const fields: Record<string, string> = {};
  for (const [name, value] of Object.entries(given)) {
    if (!flow.fields.includes(name)) {
      const asked = flow.fields.join(", ");
      throw new ValidationFailed({ en: `${name} is not asked before connecting ${app} (fields: ${asked}).`, ru: `Поле «${name}» перед подключением ${app} не запрашивается (поля: ${asked}).` }, `/fields/${name}`);
    }
    const text = value === undefined || value === null ? "" : String(value).trim();
    if (text === "") continue;
    const parsed = shape[name]?.safeParse(text);
    if (parsed && !parsed.success) {
      const issue = parsed.error.issues[0];
      throw new ValidationFailed({ en: `${name}: ${issue.message}`, ru: `Поле «${name}»: ${issueInRussian(issue)}` }, `/fields/${name}`);
    }
    fields[name] = text;
  }
  for (const name of flow.required) if (!fields[name]) throw new ValidationFailed({ en: `${name} is required.`, ru: `Нужно заполнить поле «${name}».` }, `/fields/${name}`);
  return { flow, fields };
}

export const connectionOAuthRoutes = newRouter()
  .openapi(start, async (c) => {
    requireRole(c, "editor");
    const principal = c.get("principal");
    if (principal.kind !== "user") {
      throw new Forbidden({ en: "Connecting with OAuth needs a signed-in person in a browser, not an API key.", ru: "Подключение через OAuth делает вошедший человек в браузере, а не API-ключ." });
    }
    const { app, name, fields: given } = c.req.valid("json");
    const { flow, fields } = oauthFields(app, given);
    const state = randomBase64Url(32);
    const redirectUri = appUrl(c.env, OAUTH_CALLBACK_PATH);
    let authorizeUrl: string;
    try {
      authorizeUrl = flow.authorizeUrl(fields, { state, redirectUri });
    } catch (err) {
      if (err instanceof ConnectorError) throw new ValidationFailed(err.text, "/fields");
      throw err;
    }
    const now = Date.now();
    const db = database(c.env);
    await deleteOAuthStatesExpiredBefore(db, new Date(now - EXPIRED_STATE_KEPT_MS));
    await insertOAuthState(c.get("scope"), {
      stateHash: await sha256Hex(state),
      userId: principal.userId,
      app,
      name,
      fields: await encryptSecrets(c.env, fields),
      redirectUri,
      expiresAt: new Date(now + OAUTH_STATE_TTL_MS),
    });
    return c.json({ authorize_url: authorizeUrl }, 200);
  })
  .openapi(callback, async (c) => {
    const query = new URL(c.req.url).searchParams;
    const state = query.get("state");
    if (!state) {
      throw new ValidationFailed({ en: "The service sent no state back. Start connecting again from the Connections page.", ru: "Сервис не вернул state. Начните подключение заново со страницы «Подключения»." }, "/state");
    }
    const db = database(c.env);
    const stateHash = await sha256Hex(state);
    const row = await findOAuthState(db, stateHash);
    if (!row) {
      throw new ValidationFailed({ en: "This authorization is unknown. Start connecting again from the Connections page.", ru: "Такая авторизация неизвестна. Начните подключение заново со страницы «Подключения»." }, "/state");
    }
    // Only the session cookie of the user who started counts: a link that reaches someone else stores nothing.
    const cookie = c.req.header("cookie");
    const session = cookie ? await authFor(c.env, c.req.url).api.getSession({ headers: new Headers({ cookie }) }) : null;
    if (!session) throw new Unauthorized({ en: "Log in to Svyazka in this browser, then connect again.", ru: "Войдите в Связку в этом браузере и подключите снова." });
    if (session.user.id !== row.userId) {
      throw new Forbidden({ en: "Another user started this authorization. Log in as that user, or start connecting again.", ru: "Эту авторизацию начал другой пользователь. Войдите под ним или начните подключение заново." });
    }

    const back = (params: Record<string, string>) => c.redirect(`/w/${encodeURIComponent(row.workspaceId)}/connections?${new URLSearchParams(params)}`, 302);
    // A code from a closed list, never text: the dashboard words it (and names the app).
    const fail = (code: OAuthErrorCode) => back({ oauth_error: code, app: row.app });
    if (row.expiresAt <= new Date()) return fail("expired");
    if (row.usedAt || !(await claimOAuthState(db, stateHash))) return fail("used");
    if (query.get("error")) return fail("denied");
    const code = query.get("code");
    if (!code) return fail("no_code");
    const role = await membershipRole(db, row.userId, row.workspaceId);
    if (!isRole(role) || !roleAllows(role, "editor")) return fail("not_editor");

    const scope = openWorkspaceScope(db, row.workspaceId);
    const given = (await decryptSecrets(c.env, row.fields)) as Record<string, string>;
    let fields: ReturnType<typeof checkFields>;
    try {
      const tokens = await declarationOf(row.app).oauth!.exchange({ http: httpClientFor(c.env), fields: given, code, redirectUri: row.redirectUri, callback: query });
      fields = checkFields(row.app, { ...given, ...tokens });
    } catch (err) {
      if (!(err instanceof ConnectorError || err instanceof ValidationFailed)) throw err;
      // The service's words are for the operator: the log, without the secret and the code.
      const said = redactText(inLocale(err.text, "en"), [given.client_secret, code].filter(Boolean));
      logEvent("warn", "oauth.exchange_refused", { app: row.app, workspace_id: row.workspaceId, said });
      return fail("refused");
    }
    const id = crypto.randomUUID();
    await insertConnection(scope, { id, app: row.app, name: row.name, fields: fields.visible, secrets: await encryptSecrets(c.env, fields.secret) });
    // No access middleware on this route (the cookie was checked above): say who and where for the audit log.
    c.set("scope", scope);
    c.set("principal", { kind: "user", userId: row.userId, email: session.user.email, via: "cookie" });
    await audit(c, "connection.created", id, auditDetail.connectedWithOAuth(row.app, row.name));
    await testConnection(c.env, scope, id);
    return back({ connected: id });
  });
