// A double of Google's OAuth 2.0 token endpoint (oauth2.fake, POST /token, form-encoded):
// - the JWT-bearer grant of service accounts: the RS256 signature is verified against the
//   public key of a service account this double issued (POST /__admin/service-account gives
//   the key JSON, private key included, with `token_uri` pointing here), `aud` must be the
//   token URL, the lifetime at most an hour, `scope` present;
// - the refresh_token grant (POST /__admin/refresh-token registers a client and a token);
// - the authorization-code flow: POST /__admin/client registers an OAuth client with its
//   redirect URIs; GET /o/oauth2/v2/auth (the consent page) consents at once (knob `consent`)
//   and redirects with a code that works once, for 10 minutes, with the same client and
//   redirect_uri; `access_type=offline` adds a refresh token.
// Errors are Google's `{error, error_description}` with 400/401. The access tokens it issues
// are the ones the Sheets and Gmail doubles accept (`googleAccessTokens`).
import { Hono } from "hono";
import { bytesToBase64 } from "../../worker/bytes/base64.ts";
import { fromBase64Url } from "../../worker/bytes/base64url.ts";
import { withAdmin } from "./admin.ts";

export interface GoogleAccessToken {
  scope: string;
  /** Epoch ms. */
  expiresAt: number;
  /** The service account's email or the OAuth client id. */
  subject: string;
}

/** Every access token issued, shared with the Sheets and Gmail doubles. */
export const googleAccessTokens = new Map<string, GoogleAccessToken>();

/** Whether `authorization` carries a live token with one of the scopes (any scope if none given). */
export function googleTokenValid(authorization: string | undefined, scopes: string[] = []): "ok" | "invalid" | "scope" {
  const token = googleAccessTokens.get(authorization?.replace(/^Bearer\s+/i, "") ?? "");
  if (!token || token.expiresAt <= Date.now()) return "invalid";
  if (scopes.length && !token.scope.split(" ").some((s) => scopes.includes(s))) return "scope";
  return "ok";
}

interface RefreshClient {
  client_id: string;
  client_secret: string;
  scope: string;
}

interface OAuthClient {
  client_secret: string;
  redirect_uris: string[];
}

interface AuthorizationCode {
  client_id: string;
  redirect_uri: string;
  scope: string;
  offline: boolean;
  expiresAt: number;
  used: boolean;
}

const knobs = { expiresIn: 3599, consent: "allow" as "allow" | "deny" };
let serviceAccounts = new Map<string, CryptoKey>();
let refreshTokens = new Map<string, RefreshClient>();
let clients = new Map<string, OAuthClient>();
let codes = new Map<string, AuthorizationCode>();
let grants: Array<{ grant_type: string; subject: string; at: number }> = [];
let counter = 0;

export const googleOAuthFake = new Hono();

withAdmin(googleOAuthFake, {
  knobs,
  state: () => ({ grants, serviceAccounts: [...serviceAccounts.keys()], refreshTokens: refreshTokens.size, accessTokens: googleAccessTokens.size }),
  reset() {
    serviceAccounts = new Map();
    refreshTokens = new Map();
    clients = new Map();
    codes = new Map();
    grants = [];
    googleAccessTokens.clear();
    knobs.expiresIn = 3599;
    knobs.consent = "allow";
  },
  failure: (c, status, body) => c.json(body ?? { error: "internal_failure", error_description: `Injected ${status}` }, status as 500),
});

googleOAuthFake.post("/__admin/service-account", async (c) => {
  const pair = (await crypto.subtle.generateKey(
    { name: "RSASSA-PKCS1-v1_5", modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: "SHA-256" },
    true,
    ["sign", "verify"],
  )) as CryptoKeyPair;
  const n = ++counter;
  const email = `svyazka-test-${n}@fake-project.iam.gserviceaccount.com`;
  serviceAccounts.set(email, pair.publicKey);
  const pkcs8 = new Uint8Array((await crypto.subtle.exportKey("pkcs8", pair.privateKey)) as ArrayBuffer);
  const pem = `-----BEGIN PRIVATE KEY-----\n${bytesToBase64(pkcs8).match(/.{1,64}/g)!.join("\n")}\n-----END PRIVATE KEY-----\n`;
  return c.json({
    type: "service_account",
    project_id: "fake-project",
    private_key_id: `key-${n}`,
    private_key: pem,
    client_email: email,
    client_id: String(100000 + n),
    token_uri: `${new URL(c.req.url).origin}/token`,
  });
});

googleOAuthFake.post("/__admin/refresh-token", async (c) => {
  const body = (await c.req.json().catch(() => ({}))) as Partial<RefreshClient>;
  const n = ++counter;
  const client = { client_id: body.client_id ?? `client-${n}.apps.googleusercontent.com`, client_secret: body.client_secret ?? `secret-${n}`, scope: body.scope ?? "https://www.googleapis.com/auth/gmail.send" };
  const refresh_token = `1//refresh-${n}`;
  refreshTokens.set(refresh_token, client);
  return c.json({ ...client, refresh_token });
});

/** Issues an access token directly (a connection that has only an access token). */
googleOAuthFake.post("/__admin/access-token", async (c) => {
  // `subject`: whose token it is (Sheets counts its read quota per user); default "admin".
  const body = (await c.req.json().catch(() => ({}))) as { scope?: string; expires_in?: number; subject?: string };
  return c.json({ access_token: issue(body.subject ?? "admin", body.scope ?? "https://www.googleapis.com/auth/gmail.send", body.expires_in) });
});

/** Expires one access token, or all: the next call with it gets a 401. */
googleOAuthFake.post("/__admin/expire", async (c) => {
  const { access_token } = (await c.req.json().catch(() => ({}))) as { access_token?: string };
  for (const [token, info] of googleAccessTokens) if (!access_token || token === access_token) info.expiresAt = 0;
  return c.json({ ok: true });
});

googleOAuthFake.post("/__admin/client", async (c) => {
  const body = (await c.req.json().catch(() => ({}))) as { redirect_uri?: string };
  const n = ++counter;
  const client_id = `web-${n}.apps.googleusercontent.com`;
  const client_secret = `GOCSPX-web-${n}`;
  clients.set(client_id, { client_secret, redirect_uris: body.redirect_uri ? [body.redirect_uri] : [] });
  return c.json({ client_id, client_secret });
});

/** The consent page: checks the client and redirect URI as Google does, then consents at once. */
googleOAuthFake.get("/o/oauth2/v2/auth", (c) => {
  const q = c.req.query();
  const client = clients.get(q.client_id ?? "");
  if (!client) return c.text("Error 401: invalid_client. The OAuth client was not found.", 401);
  if (!client.redirect_uris.includes(q.redirect_uri ?? "")) return c.text("Error 400: redirect_uri_mismatch", 400);
  if (q.response_type !== "code" || !q.scope) return c.text("Error 400: invalid_request", 400);
  const back = new URL(q.redirect_uri);
  if (knobs.consent === "deny") {
    back.search = new URLSearchParams({ error: "access_denied", state: q.state ?? "" }).toString();
  } else {
    const code = `4/0fake-${++counter}-${crypto.randomUUID()}`;
    codes.set(code, { client_id: q.client_id, redirect_uri: q.redirect_uri, scope: q.scope, offline: q.access_type === "offline", expiresAt: Date.now() + 600_000, used: false });
    back.search = new URLSearchParams({ state: q.state ?? "", code, scope: q.scope }).toString();
  }
  return c.redirect(back.toString(), 302);
});

googleOAuthFake.post("/token", async (c) => {
  const form = await c.req.parseBody();
  const grantType = String(form.grant_type ?? "");
  const deny = (status: 400 | 401, error: string, error_description: string) => c.json({ error, error_description }, status);
  if (grantType === "urn:ietf:params:oauth:grant-type:jwt-bearer") {
    const checked = await verifyAssertion(String(form.assertion ?? ""), `${new URL(c.req.url).origin}/token`);
    if ("error" in checked) return deny(400, "invalid_grant", checked.error);
    grants.push({ grant_type: "jwt-bearer", subject: checked.iss, at: Date.now() });
    return c.json({ access_token: issue(checked.iss, checked.scope), expires_in: knobs.expiresIn, token_type: "Bearer" });
  }
  if (grantType === "refresh_token") {
    const client = refreshTokens.get(String(form.refresh_token ?? ""));
    if (!client) return deny(400, "invalid_grant", "Token has been expired or revoked.");
    if (client.client_id !== form.client_id || client.client_secret !== form.client_secret) return deny(401, "invalid_client", "Unauthorized");
    grants.push({ grant_type: "refresh_token", subject: client.client_id, at: Date.now() });
    return c.json({ access_token: issue(client.client_id, client.scope), expires_in: knobs.expiresIn, scope: client.scope, token_type: "Bearer" });
  }
  if (grantType === "authorization_code") {
    const client = clients.get(String(form.client_id ?? ""));
    if (!client || client.client_secret !== form.client_secret) return deny(401, "invalid_client", "Unauthorized");
    const code = codes.get(String(form.code ?? ""));
    if (!code || code.used || code.expiresAt < Date.now() || code.client_id !== form.client_id) return deny(400, "invalid_grant", "Bad Request");
    code.used = true;
    if (code.redirect_uri !== form.redirect_uri) return deny(400, "redirect_uri_mismatch", "Bad Request");
    grants.push({ grant_type: "authorization_code", subject: code.client_id, at: Date.now() });
    let refresh_token: string | undefined;
    if (code.offline) {
      refresh_token = `1//refresh-${++counter}`;
      refreshTokens.set(refresh_token, { client_id: code.client_id, client_secret: client.client_secret, scope: code.scope });
    }
    return c.json({ access_token: issue(code.client_id, code.scope), expires_in: knobs.expiresIn, scope: code.scope, token_type: "Bearer", ...(refresh_token ? { refresh_token } : {}) });
  }
  return deny(400, "unsupported_grant_type", `Invalid grant_type: ${grantType}`);
});

function issue(subject: string, scope: string, expiresIn = knobs.expiresIn): string {
  const token = `ya29.fake-${++counter}-${crypto.randomUUID()}`;
  googleAccessTokens.set(token, { scope, subject, expiresAt: Date.now() + expiresIn * 1000 });
  return token;
}

async function verifyAssertion(jwt: string, tokenUrl: string): Promise<{ iss: string; scope: string } | { error: string }> {
  const parts = jwt.split(".");
  if (parts.length !== 3) return { error: "Invalid JWT: not three parts." };
  let header: { alg?: string };
  let claims: { iss?: string; scope?: string; aud?: string; iat?: number; exp?: number };
  try {
    header = JSON.parse(new TextDecoder().decode(fromBase64Url(parts[0])));
    claims = JSON.parse(new TextDecoder().decode(fromBase64Url(parts[1])));
  } catch {
    return { error: "Invalid JWT: header or claims are not base64url JSON." };
  }
  if (header.alg !== "RS256") return { error: `Invalid JWT: alg ${header.alg}, expected RS256.` };
  const key = serviceAccounts.get(claims.iss ?? "");
  if (!key) return { error: "Invalid JWT: unknown issuer (iss)." };
  const signed = new TextEncoder().encode(`${parts[0]}.${parts[1]}`);
  const valid = await crypto.subtle.verify("RSASSA-PKCS1-v1_5", key, fromBase64Url(parts[2]), signed).catch(() => false);
  if (!valid) return { error: "Invalid JWT Signature." };
  const now = Math.floor(Date.now() / 1000);
  if (claims.aud !== tokenUrl) return { error: `Invalid JWT: aud must be ${tokenUrl}.` };
  if (!claims.iat || !claims.exp || claims.exp - claims.iat > 3600) return { error: "Invalid JWT: iat/exp missing or longer than an hour." };
  if (claims.exp < now - 30 || claims.iat > now + 60) return { error: "Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe." };
  if (!claims.scope) return { error: "Invalid JWT: no scope." };
  return { iss: claims.iss!, scope: claims.scope };
}
