// Thin KeepinCRM API client: one host for every account, `X-Auth-Token` (no Bearer), list
// responses `{items, pagination}`, and 401/404/422 turned into messages a user can act on.
import { ConnectorError, type HttpClient, type HttpRequest } from "../types";
import type { Text } from "../../i18n/text";
import { sha256Hex } from "../../bytes/sha256";

export interface KeepinConnection {
  api_key?: string;
  base_url?: string;
}

/** KeepinCRM documents no rate limit [unc]; a few requests per second is a polite guess. */
const REQUESTS_PER_SECOND = 3;

export const DEFAULT_BASE_URL = "https://api.keepincrm.com/v1";

export interface KeepinList<T> {
  items?: T[];
  pagination?: { total_pages?: number; current_page?: number };
}

export class KeepinClient {
  private readonly baseUrl: string;

  constructor(
    private readonly connection: KeepinConnection,
    private readonly http: HttpClient,
  ) {
    if (!connection.api_key) throw new ConnectorError({ en: "The KeepinCRM connection needs an api_key.", ru: "Для подключения KeepinCRM нужен api_key." }, { code: "connection_incomplete" });
    this.baseUrl = (connection.base_url || DEFAULT_BASE_URL).replace(/\/+$/, "");
  }

  /**
   * Returns the parsed body of a 2xx. `notFound` is the message for a 404, which means
   * something different on each endpoint.
   */
  async call(
    method: HttpRequest["method"],
    path: string,
    options: { query?: HttpRequest["query"]; json?: unknown; notFound?: string | Text } = {},
  ): Promise<unknown> {
    const response = await this.http.request({
      method,
      url: `${this.baseUrl}${path}`,
      query: options.query,
      json: options.json,
      headers: { "X-Auth-Token": this.connection.api_key ?? "", Accept: "application/json" },
      secretHeaders: ["X-Auth-Token"],
      service: "KeepinCRM",
      // One host serves every account, so the limit is per API key, named by a short hash of it.
      rateLimit: { key: `keepincrm:${(await sha256Hex(this.connection.api_key ?? "")).slice(0, 8)}`, perSecond: REQUESTS_PER_SECOND },
    });
    if (response.status >= 200 && response.status < 300) return response.body;
    throw keepinError(response.status, response.body, options.notFound);
  }
}

/** `{errors: {field: [msgs]}}` → "field: msg, msg; …"; `{errors: [msgs]}` → "msg; …". */
function errorText(body: unknown): string {
  if (!body || typeof body !== "object") return typeof body === "string" ? body.slice(0, 200) : "";
  const { message, errors } = body as { message?: unknown; errors?: unknown };
  let details = "";
  if (Array.isArray(errors)) details = errors.map(String).join("; ");
  else if (errors && typeof errors === "object") {
    details = Object.entries(errors as Record<string, unknown>)
      .map(([field, messages]) => `${field}: ${Array.isArray(messages) ? messages.join(", ") : String(messages)}`)
      .join("; ");
  }
  return [typeof message === "string" ? message : "", details].filter(Boolean).join(": ");
}

function keepinError(status: number, body: unknown, notFound: string | Text | undefined): ConnectorError {
  const text = errorText(body);
  const quoted = text ? ` (${text})` : "";
  if (status === 401) {
    return new ConnectorError({ en: `KeepinCRM rejected the API key${quoted}. Check api_key in the connection.`, ru: `KeepinCRM не принял API-ключ${quoted}. Проверьте api_key в подключении.` }, { status, code: "unauthorized" });
  }
  if (status === 404 && notFound) return new ConnectorError(notFound, { status, code: "not_found" });
  if (status === 422) {
    return new ConnectorError({ en: `KeepinCRM rejected the data: ${text || "validation failed"}.`, ru: `KeepinCRM не принял данные: ${text || "они не прошли проверку"}.` }, { status, code: "validation" });
  }
  // 429 and 5xx are normally thrown by the HttpClient already, as transient.
  const said = text ? `: ${text}` : "";
  return new ConnectorError({ en: `KeepinCRM error (HTTP ${status})${said}.`, ru: `Ошибка KeepinCRM (HTTP ${status})${said}.` }, { status, transient: status === 429 || status >= 500 });
}
