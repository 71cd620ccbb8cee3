// Google access tokens, for Sheets and Gmail. A service account signs an RS256 JWT with
// WebCrypto and trades it at its `token_uri` (the JWT-bearer grant); those tokens are cached
// per isolate until a minute before they expire and never stored. An OAuth connection uses
// its access token and refreshes it with the refresh token (stored through the connection);
// `googleOAuth` connects one with the authorization-code flow.
import { base64ToBytes } from "../bytes/base64";
import { toBase64Url } from "../bytes/base64url";
import { errorDetail } from "./http-client";
import { BearerSession, exchangedGrant, grantFields, refreshFailed, storedExpiry, type TokenGrant } from "./oauth";
import { ConnectorError, type ConnectionStore, type HttpClient, type OAuthFlow } from "./types";

export const GOOGLE_TOKEN_URL = "https://oauth2.googleapis.com/token";
export const GOOGLE_AUTHORIZE_URL = "https://accounts.google.com/o/oauth2/v2/auth";

export interface GoogleCredentials {
  service_account_json?: string;
  access_token?: string;
  refresh_token?: string;
  client_id?: string;
  client_secret?: string;
  /** The token endpoint (default Google's; a service account key names its own `token_uri`). */
  token_url?: string;
  /** Unix seconds, written after each refresh. */
  expires_at?: string | number;
}

interface ServiceAccountKey {
  client_email: string;
  private_key: string;
  token_uri?: string;
}

const serviceAccountTokens = new Map<string, { token: string; expiresAt: number }>();

/** A Bearer session for these credentials and scope: service account first, else OAuth. */
export function googleSession(c: GoogleCredentials, http: HttpClient, store: ConnectionStore, scope: string, service: string): BearerSession {
  if (c.service_account_json) {
    const key = parseServiceAccount(c.service_account_json);
    const tokenUrl = c.token_url || key.token_uri || GOOGLE_TOKEN_URL;
    const cacheKey = `${key.client_email}|${scope}|${tokenUrl}`;
    const cached = serviceAccountTokens.get(cacheKey);
    return new BearerSession({
      service,
      http,
      accessToken: cached?.token,
      expiresAt: cached?.expiresAt,
      refresh: () => serviceAccountGrant(http, key, scope, tokenUrl),
      onGrant: (token, expiresAt) => serviceAccountTokens.set(cacheKey, { token, expiresAt: expiresAt ?? Date.now() + 3_600_000 }),
    });
  }
  const canRefresh = Boolean(c.refresh_token && c.client_id && c.client_secret);
  if (!c.access_token && !canRefresh) {
    const needs = {
      en: `The ${service} connection needs a service account key, an access token, or a refresh token with the OAuth client ID and secret.`,
      ru: `Для подключения ${service} нужен ключ сервисного аккаунта, токен доступа или токен обновления вместе с ID и секретом клиента OAuth.`,
    };
    throw new ConnectorError(needs, {
      code: "connection_invalid",
    });
  }
  return new BearerSession({
    service,
    http,
    store,
    accessToken: c.access_token,
    expiresAt: storedExpiry(c.expires_at),
    refresh: canRefresh
      ? (latest) =>
          tokenGrant(http, c.token_url || GOOGLE_TOKEN_URL, {
            grant_type: "refresh_token",
            refresh_token: String(latest?.refresh_token ?? c.refresh_token),
            client_id: c.client_id!,
            client_secret: c.client_secret!,
          })
      : undefined,
  });
}

export function parseServiceAccount(json: string): ServiceAccountKey {
  let key: Partial<ServiceAccountKey>;
  try {
    key = JSON.parse(json);
  } catch {
    const message = { en: "The service account key is not valid JSON: paste the whole downloaded .json file.", ru: "Ключ сервисного аккаунта — не правильный JSON: вставьте скачанный .json-файл целиком." };
    throw new ConnectorError(message, { code: "connection_invalid" });
  }
  if (!key?.client_email || !key.private_key) {
    throw new ConnectorError({ en: "The service account key has no client_email or private_key.", ru: "В ключе сервисного аккаунта нет client_email или private_key." }, { code: "connection_invalid" });
  }
  return key as ServiceAccountKey;
}

async function serviceAccountGrant(http: HttpClient, key: ServiceAccountKey, scope: string, tokenUrl: string): Promise<TokenGrant> {
  const now = Math.floor(Date.now() / 1000);
  const assertion = await signJwt({ iss: key.client_email, scope, aud: tokenUrl, iat: now, exp: now + 3600 }, key.private_key);
  return tokenGrant(http, tokenUrl, { grant_type: "urn:ietf:params:oauth:grant-type:jwt-bearer", assertion });
}

async function tokenGrant(http: HttpClient, url: string, form: Record<string, string>): Promise<TokenGrant> {
  const res = await http.request({ method: "POST", url, form, service: "Google" });
  if (res.status !== 200) throw refreshFailed("Google", res, errorDetail(res.body));
  return res.body as TokenGrant;
}

/** An RS256 JWT signed with a PKCS#8 PEM private key (a service account's `private_key`). */
export async function signJwt(claims: Record<string, unknown>, privateKeyPem: string): Promise<string> {
  const der = base64ToBytes(privateKeyPem.replace(/-----[^-]+-----/g, "").replace(/\s+/g, ""));
  let key: CryptoKey;
  try {
    key = await crypto.subtle.importKey("pkcs8", der, { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" }, false, ["sign"]);
  } catch {
    throw new ConnectorError({ en: "The service account's private_key is not a valid PKCS#8 RSA key.", ru: "private_key сервисного аккаунта — не правильный ключ RSA в формате PKCS#8." }, { code: "connection_invalid" });
  }
  const signed = `${toBase64Url(JSON.stringify({ alg: "RS256", typ: "JWT" }))}.${toBase64Url(JSON.stringify(claims))}`;
  const signature = await crypto.subtle.sign("RSASSA-PKCS1-v1_5", key, new TextEncoder().encode(signed));
  return `${signed}.${toBase64Url(new Uint8Array(signature))}`;
}

/**
 * The authorization-code flow for a Google API with this scope. `offline` + `consent` make
 * Google return a refresh token. A token_url other than Google's (a test double) serves the
 * consent page at the same origin under Google's path.
 */
export function googleOAuth(scope: string, extraFields: string[]): OAuthFlow {
  const tokenUrl = (fields: Record<string, string>) => fields.token_url || GOOGLE_TOKEN_URL;
  return {
    fields: ["client_id", "client_secret", ...extraFields, "token_url"],
    required: ["client_id", "client_secret"],
    authorizeUrl(fields, { state, redirectUri }) {
      const url = new URL(tokenUrl(fields) === GOOGLE_TOKEN_URL ? GOOGLE_AUTHORIZE_URL : new URL("/o/oauth2/v2/auth", tokenUrl(fields)));
      url.search = new URLSearchParams({
        client_id: fields.client_id,
        redirect_uri: redirectUri,
        response_type: "code",
        scope,
        access_type: "offline",
        prompt: "consent",
        include_granted_scopes: "true",
        state,
      }).toString();
      return url.toString();
    },
    async exchange({ http, fields, code, redirectUri }) {
      const res = await http.request({
        method: "POST",
        url: tokenUrl(fields),
        form: { grant_type: "authorization_code", code, client_id: fields.client_id, client_secret: fields.client_secret, redirect_uri: redirectUri },
        service: "Google",
      });
      return grantFields(exchangedGrant("Google", res, errorDetail(res.body), { en: "the OAuth client ID, secret and redirect URI", ru: "ID и секрет клиента OAuth и адрес перенаправления" }));
    },
  };
}
