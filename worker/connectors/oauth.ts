// Bearer-token calls with refresh, the way the amoCRM SDK does it: refresh before a call when
// the token has expired (or is missing), and on a 401 refresh once and retry once. A refresh
// that returns a new refresh token is stored at once (amoCRM rotates them), through the
// connection store, encrypted. Refreshes of one connection are serialised across runs by the
// store's lock (`exclusive`, connections/refresh-lock.ts): under it the stored tokens are read
// again, and a token another run refreshed meanwhile is used instead of refreshing with a
// refresh token that has already been spent.
import type { Text } from "../i18n/text";
import { fromBase64Url } from "../bytes/base64url";
import { ConnectorError, type ConnectionStore, type HttpClient, type HttpRequest, type HttpResponse } from "./types";

export interface TokenGrant {
  access_token: string;
  expires_in?: number;
  refresh_token?: string;
}

export interface BearerSessionOptions {
  service: string;
  http: HttpClient;
  accessToken?: string;
  /** When the access token expires (epoch ms); read from a JWT's `exp` when not given. */
  expiresAt?: number;
  /**
   * Gets a new access token; absent when the token cannot be refreshed (long-lived tokens).
   * `latest` is the connection as stored now, when the store could read it under its lock.
   */
  refresh?: (latest?: Record<string, unknown>) => Promise<TokenGrant>;
  /** Where refreshed tokens go: fields `access_token`, `expires_at` (Unix seconds), `refresh_token` (when rotated). */
  store?: ConnectionStore;
  /** Told about every new grant (e.g. to cache service-account tokens). */
  onGrant?: (token: string, expiresAt: number | undefined) => void;
  now?: () => number;
}

/** Refresh this long before the stated expiry, so a token does not die in flight. */
const EXPIRY_MARGIN_MS = 60_000;

export class BearerSession {
  private token: string | undefined;
  private expiresAt: number | undefined;
  private refreshing: Promise<string> | undefined;
  private grants = 0;

  constructor(private readonly options: BearerSessionOptions) {
    this.token = options.accessToken || undefined;
    this.expiresAt = options.expiresAt ?? (this.token ? jwtExpiry(this.token) : undefined);
  }

  /** Sends `req` with `Authorization: Bearer …`; refreshes when expired and once on 401. */
  async request(req: HttpRequest): Promise<HttpResponse> {
    const grantsBefore = this.grants;
    let token = await this.currentToken();
    // A token refreshed for this very call is not refreshed again on a 401.
    let refreshed = this.grants !== grantsBefore;
    for (;;) {
      const res = await this.options.http.request({ ...req, headers: { ...req.headers, authorization: `Bearer ${token}` } });
      if (res.status !== 401 || refreshed || !this.options.refresh) return res;
      // one refresh and one retry per call, as the SDK does
      token = await this.refreshNow();
      refreshed = true;
    }
  }

  async currentToken(): Promise<string> {
    const now = (this.options.now ?? Date.now)();
    const fresh = this.token && (this.expiresAt === undefined || this.expiresAt - EXPIRY_MARGIN_MS > now);
    if (fresh) return this.token!;
    if (this.options.refresh) return this.refreshNow();
    if (this.token) {
      if (this.expiresAt! <= now) {
        const service = this.options.service;
        const day = new Date(this.expiresAt!).toISOString().slice(0, 10);
        const message = {
          en: `The ${service} access token expired on ${day}. Create a new one and update the connection.`,
          ru: `Срок действия токена доступа ${service} истёк ${day}. Создайте новый и обновите подключение.`,
        };
        throw new ConnectorError(message, { code: "auth_expired" });
      }
      return this.token; // inside the margin, still valid, cannot be refreshed
    }
    const service = this.options.service;
    throw new ConnectorError({ en: `The ${service} connection has no access token and no way to get one.`, ru: `У подключения ${service} нет токена доступа и нет способа его получить.` }, { code: "connection_invalid" });
  }

  private refreshNow(): Promise<string> {
    const store = this.options.store;
    this.refreshing ??= (async () => {
      try {
        return store?.exclusive ? await store.exclusive((latest) => this.adoptOrRefresh(latest)) : await this.refreshAndStore();
      } finally {
        this.refreshing = undefined;
      }
    })();
    return this.refreshing;
  }

  /** Under the refresh lock: a live token another run stored meanwhile is taken as it is. */
  private async adoptOrRefresh(latest: Record<string, unknown>): Promise<string> {
    const stored = typeof latest.access_token === "string" ? latest.access_token : undefined;
    if (stored && stored !== this.token) {
      const expiresAt = storedExpiry(latest.expires_at) ?? jwtExpiry(stored);
      if (expiresAt === undefined || expiresAt - EXPIRY_MARGIN_MS > (this.options.now ?? Date.now)()) {
        this.grants++;
        this.token = stored;
        this.expiresAt = expiresAt;
        return stored;
      }
    }
    return this.refreshAndStore(latest);
  }

  private async refreshAndStore(latest?: Record<string, unknown>): Promise<string> {
    const grant = await this.options.refresh!(latest);
    if (!grant?.access_token) {
      const service = this.options.service;
      throw new ConnectorError({ en: `${service} returned no access token.`, ru: `В ответе ${service} нет токена доступа.` }, { code: "auth_failed" });
    }
    const now = (this.options.now ?? Date.now)();
    this.grants++;
    this.token = grant.access_token;
    this.expiresAt = grant.expires_in ? now + grant.expires_in * 1000 : jwtExpiry(grant.access_token);
    this.options.onGrant?.(this.token, this.expiresAt);
    if (this.options.store) {
      await this.options.store.update({
        access_token: grant.access_token,
        ...(this.expiresAt ? { expires_at: String(Math.floor(this.expiresAt / 1000)) } : {}),
        ...(grant.refresh_token ? { refresh_token: grant.refresh_token } : {}),
      });
    }
    return this.token;
  }
}

/** The `exp` claim of a JWT as epoch ms, or undefined when the token is not a JWT. */
export function jwtExpiry(token: string): number | undefined {
  const payload = token.split(".")[1];
  if (!payload || token.split(".").length !== 3) return undefined;
  try {
    const claims = JSON.parse(new TextDecoder().decode(fromBase64Url(payload)));
    return typeof claims.exp === "number" ? claims.exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}

/** A stored `expires_at` (Unix seconds, or an ISO date) as epoch ms. */
export function storedExpiry(value: unknown): number | undefined {
  if (value === undefined || value === null || value === "") return undefined;
  if (typeof value === "number" || /^\d+$/.test(String(value))) return Number(value) * 1000;
  const at = Date.parse(String(value));
  return Number.isFinite(at) ? at : undefined;
}

/** Turns a token endpoint's refusal into a message that tells the user to reconnect. */
export function refreshFailed(service: string, res: HttpResponse, detail: string | undefined): ConnectorError {
  const said = `HTTP ${res.status}${detail ? `: ${detail}` : ""}`;
  const message = { en: `${service} refused to refresh the access token (${said}). Reconnect the account.`, ru: `${service}: обновить токен доступа не удалось (${said}). Подключите аккаунт заново.` };
  return new ConnectorError(message, { code: "auth_failed", status: res.status });
}

/** The fields an authorization-code grant stores: tokens, and the expiry in Unix seconds. */
export function grantFields(grant: TokenGrant, now = Date.now()): Record<string, string> {
  return {
    access_token: grant.access_token,
    ...(grant.refresh_token ? { refresh_token: grant.refresh_token } : {}),
    ...(grant.expires_in ? { expires_at: String(Math.floor(now / 1000) + grant.expires_in) } : {}),
  };
}

/** The grant in a token endpoint's answer to a code exchange, or an error saying what to check. */
export function exchangedGrant(service: string, res: HttpResponse, detail: string | undefined, check: Text): TokenGrant {
  const grant = res.body as TokenGrant | undefined;
  if (res.status === 200 && grant?.access_token) return grant;
  const said = `HTTP ${res.status}${detail ? `: ${detail}` : ""}`;
  const message = { en: `${service} refused the authorization (${said}). Check ${check.en}.`, ru: `${service}: авторизация не принята (${said}). Проверьте ${check.ru}.` };
  throw new ConnectorError(message, { code: "auth_failed", status: res.status });
}
