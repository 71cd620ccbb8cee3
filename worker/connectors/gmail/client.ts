// Gmail API: POST {base}/gmail/v1/users/me/messages/send with {raw}, OAuth 2.0 Bearer token
// refreshed at Google's token URL when expired and once on a 401 (google-auth.ts).
import { googleSession, type GoogleCredentials } from "../google-auth";
import { errorDetail } from "../http-client";
import type { BearerSession } from "../oauth";
import { ConnectorError, type ConnectionStore, type HttpClient, type HttpResponse } from "../types";

export const GMAIL_API = "https://gmail.googleapis.com";
export const GMAIL_SEND_SCOPE = "https://www.googleapis.com/auth/gmail.send";

export interface GmailConnection extends GoogleCredentials {
  base_url?: string;
}

export interface SentMessage {
  id: string;
  threadId: string;
  labelIds?: string[];
}

export class GmailClient {
  private readonly base: string;
  private readonly session: BearerSession;

  constructor(c: GmailConnection, http: HttpClient, store: ConnectionStore) {
    this.base = (c.base_url ?? GMAIL_API).replace(/\/+$/, "");
    this.session = googleSession(c, http, store, GMAIL_SEND_SCOPE, "Gmail");
  }

  async send(raw: string, threadId?: string): Promise<SentMessage> {
    const res = await this.session.request({
      method: "POST",
      url: `${this.base}/gmail/v1/users/me/messages/send`,
      json: { raw, ...(threadId ? { threadId } : {}) },
      service: "Gmail",
    });
    if (res.status !== 200) throw gmailError(res);
    return res.body as SentMessage;
  }

  /** The account's address and counters: a cheap check of the token (needs a read scope). */
  async profile(): Promise<{ emailAddress: string }> {
    const res = await this.session.request({ method: "GET", url: `${this.base}/gmail/v1/users/me/profile`, service: "Gmail" });
    if (res.status !== 200) throw gmailError(res);
    return res.body as { emailAddress: string };
  }
}

/** Google's `{error:{code, message, status}}` as a message for the user. */
function gmailError(res: HttpResponse): ConnectorError {
  const detail = errorDetail(res.body) ?? `HTTP ${res.status}`;
  if (res.status === 401) {
    return new ConnectorError({ en: `Gmail rejected the access token: ${detail}. Reconnect the account.`, ru: `Gmail не принял токен доступа: ${detail}. Подключите аккаунт заново.` }, { status: 401, code: "auth_failed" });
  }
  if (res.status === 403) {
    return new ConnectorError({ en: `Gmail refused: ${detail}. The connection may lack the gmail.send scope.`, ru: `Gmail отказал: ${detail}. Возможно, у подключения нет разрешения gmail.send.` }, { status: 403, code: "forbidden" });
  }
  return new ConnectorError({ en: `Gmail refused the message: ${detail}`, ru: `Gmail не принял письмо: ${detail}` }, { status: res.status, code: "rejected" });
}
