// amoCRM API v4 (Kommo is the same API): every call goes to the account's own domain with a
// Bearer token, at most 7 requests a second per account. Success bodies are hal+json, errors
// problem+json; 204 with an empty body means "nothing" (empty search, missing contact).
// Tokens: a long-lived token is used until its JWT `exp`; OAuth tokens are refreshed when
// expired and once on a 401 (as the official SDK does), the rotated refresh token stored.
import { errorDetail } from "../http-client";
import { BearerSession, refreshFailed, storedExpiry, type TokenGrant } from "../oauth";
import { ConnectorError, type ConnectionStore, type HttpClient, type HttpResponse } from "../types";

export const AMO_REQUESTS_PER_SECOND = 7;

export interface AmoConnection {
  subdomain?: string;
  base_url?: string;
  access_token?: string;
  client_id?: string;
  client_secret?: string;
  refresh_token?: string;
  redirect_uri?: string;
  /** When the OAuth access token expires, Unix seconds (written after each refresh). */
  expires_at?: string | number;
}

/** The account's API origin: base_url as given, or https://<subdomain>.amocrm.ru. */
export function amoBaseUrl(c: Pick<AmoConnection, "subdomain" | "base_url">): string {
  if (c.base_url) {
    // Checked here, where it becomes a URL: the field itself is free text.
    if (!/^https?:$/.test(URL.parse(c.base_url)?.protocol ?? "")) {
      throw new ConnectorError({ en: "The amoCRM base_url is not a web address; write it like https://xxx.kommo.com.", ru: "base_url amoCRM — не веб-адрес; укажите его как https://xxx.kommo.com." }, { code: "connection_invalid" });
    }
    return c.base_url.replace(/\/+$/, "");
  }
  const host = (c.subdomain ?? "").trim().replace(/^https?:\/\//, "").replace(/\/.*$/, "");
  if (!/^[a-z0-9][a-z0-9.-]*$/i.test(host)) {
    throw new ConnectorError({ en: "The amoCRM connection needs the subdomain or a base_url.", ru: "Для подключения amoCRM нужен поддомен или base_url." }, { code: "connection_invalid" });
  }
  return `https://${host.includes(".") ? host : `${host}.amocrm.ru`}`;
}

export class AmoClient {
  readonly base: string;
  private readonly session: BearerSession;
  private readonly rateLimit: { key: string; perSecond: number };

  constructor(
    connection: AmoConnection,
    private readonly http: HttpClient,
    store: ConnectionStore,
  ) {
    this.base = amoBaseUrl(connection);
    this.rateLimit = { key: `amocrm:${new URL(this.base).host}`, perSecond: AMO_REQUESTS_PER_SECOND };
    const { client_id, client_secret, refresh_token } = connection;
    let refreshToken = refresh_token;
    this.session = new BearerSession({
      service: "amoCRM",
      http,
      store,
      accessToken: connection.access_token,
      expiresAt: storedExpiry(connection.expires_at),
      refresh:
        client_id && client_secret && refresh_token
          ? async (latest) => {
              // Under the refresh lock `latest` holds the refresh token stored by the last run that refreshed.
              const grant = await this.refresh(connection, typeof latest?.refresh_token === "string" ? latest.refresh_token : refreshToken!);
              refreshToken = grant.refresh_token ?? refreshToken;
              return grant;
            }
          : undefined,
    });
  }

  /** The body of a GET, or undefined for 204 (nothing there). */
  async get(path: string, query?: Record<string, string | number>): Promise<unknown> {
    return (await this.call("GET", path, { query })).body;
  }

  async post(path: string, json: unknown): Promise<unknown> {
    return (await this.call("POST", path, { json })).body;
  }

  async patch(path: string, json: unknown): Promise<unknown> {
    return (await this.call("PATCH", path, { json })).body;
  }

  /** Pages of `_embedded[key]`, following `page` until `_links.next` is missing; 204 ends it. */
  async *pages<T>(path: string, key: string, query: Record<string, string | number> = {}, maxPages = 20): AsyncGenerator<T[]> {
    for (let page = 1; page <= maxPages; page++) {
      const body = (await this.get(path, { ...query, page })) as { _embedded?: Record<string, T[]>; _links?: { next?: unknown } } | undefined;
      if (!body) return;
      yield body._embedded?.[key] ?? [];
      if (!body._links?.next) return;
    }
  }

  private async call(method: "GET" | "POST" | "PATCH", path: string, options: { query?: Record<string, string | number>; json?: unknown }): Promise<HttpResponse> {
    const res = await this.session.request({
      method,
      url: `${this.base}${path}`,
      ...options,
      headers: { accept: "application/hal+json, application/json" },
      service: "amoCRM",
      rateLimit: this.rateLimit,
    });
    if (res.status >= 400) throw amoError(res);
    return res;
  }

  private async refresh(c: AmoConnection, refreshToken: string): Promise<TokenGrant> {
    const res = await this.http.request({
      method: "POST",
      url: `${this.base}/oauth2/access_token`,
      json: { client_id: c.client_id, client_secret: c.client_secret, grant_type: "refresh_token", refresh_token: refreshToken, redirect_uri: c.redirect_uri },
      service: "amoCRM",
      rateLimit: this.rateLimit,
    });
    if (res.status !== 200) throw refreshFailed("amoCRM", res, errorDetail(res.body));
    return res.body as TokenGrant;
  }
}

/** problem+json `{title, detail, validation-errors}` in words a user can act on. */
function amoError(res: HttpResponse): ConnectorError {
  const body = (res.body ?? {}) as { "validation-errors"?: Array<{ errors?: Array<{ path?: string; detail?: string }> }> };
  const validation = (body["validation-errors"] ?? [])
    .flatMap((v) => v.errors ?? [])
    .map((e) => `${e.path ?? "?"}: ${e.detail ?? "invalid"}`)
    .join("; ");
  const detail = [errorDetail(res.body), validation].filter(Boolean).join(" — ");
  const requestId = res.headers.get("x-request-id");
  const said = detail ? `: ${detail}` : "";
  const suffix = `${said}${requestId ? ` (request ${requestId})` : ""}`;
  const suffixRu = `${said}${requestId ? ` (запрос ${requestId})` : ""}`;
  const status = res.status;
  switch (status) {
    case 401:
      return new ConnectorError({ en: `amoCRM rejected the access token (401)${suffix}. Reconnect the account.`, ru: `amoCRM не принял токен доступа (401)${suffixRu}. Подключите аккаунт заново.` }, { status, code: "auth_failed" });
    case 402:
      return new ConnectorError({ en: `The amoCRM account is not paid (402)${suffix}.`, ru: `Аккаунт amoCRM не оплачен (402)${suffixRu}.` }, { status, code: "payment_required" });
    case 403: {
      const message = {
        en: `amoCRM refused access (403)${suffix}. The user may lack rights, or amoCRM blocked the IP after too many requests.`,
        ru: `amoCRM отказал в доступе (403)${suffixRu}. Возможно, у пользователя нет прав или amoCRM заблокировал IP после слишком частых запросов.`,
      };
      return new ConnectorError(message, { status, code: "forbidden" });
    }
    case 404:
      return new ConnectorError({ en: `amoCRM has no such record (404)${suffix}.`, ru: `В amoCRM нет такой записи (404)${suffixRu}.` }, { status, code: "not_found" });
    default:
      return new ConnectorError({ en: `amoCRM refused the request (${status})${suffix}.`, ru: `amoCRM отклонил запрос (${status})${suffixRu}.` }, { status, code: "rejected" });
  }
}
