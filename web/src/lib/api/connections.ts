// Typed calls for the connector catalogue and connections (docs/api.md "Connections").
import { request, type RequestOptions } from "./client.ts";
import type { Catalogue, Connection, ConnectionList, ConnectionTest, OAuthStart, TelegramLink } from "./types.ts";

type Opts = Pick<RequestOptions, "fetch">;
const base = (ws: string) => `/w/${encodeURIComponent(ws)}/connections`;
const one = (ws: string, id: string) => `${base(ws)}/${encodeURIComponent(id)}`;

export const connectionsApi = {
  apps: (opts?: Opts) => request<Catalogue>("GET", "/apps", opts),
  list: (ws: string, opts?: Opts) => request<ConnectionList>("GET", base(ws), opts),
  get: (ws: string, id: string) => request<Connection>("GET", one(ws, id)),
  create: (ws: string, body: { app: string; name: string; fields: Record<string, unknown> }) =>
    request<Connection>("POST", base(ws), { body }),
  /** Secret fields left out keep their value. */
  update: (ws: string, id: string, body: { name?: string; fields?: Record<string, unknown> }) =>
    request<Connection>("PATCH", one(ws, id), { body }),
  /**
   * Deleted; `warning` is what could not be cleaned up around it (a linked Telegram bot's
   * webhook), as the server wrote it in its Svyazka-Warning header (English: header values are ASCII).
   */
  remove: async (ws: string, id: string): Promise<{ warning?: string }> => {
    let warning: string | undefined;
    await request<void>("DELETE", one(ws, id), { onHeaders: (headers) => (warning = headers.get("svyazka-warning") ?? undefined) });
    return { warning };
  },
  test: (ws: string, id: string) => request<ConnectionTest>("POST", `${one(ws, id)}/test`),
  /** Starts signing in at the service; the browser then goes to `authorize_url`. */
  oauthStart: (ws: string, body: { app: string; name: string; fields: Record<string, unknown> }) =>
    request<OAuthStart>("POST", `${base(ws)}/oauth/start`, { body }),
  telegramLink: (ws: string, id: string) => request<TelegramLink>("POST", `${one(ws, id)}/telegram/link`)
};
