// Telegram Bot API: POST {base}/bot<token>/<method> with JSON; replies are {ok, result} or
// {ok:false, error_code, description, parameters:{retry_after, migrate_to_chat_id}}.
import type { Text } from "../../i18n/text";
import { ConnectorError, type HttpClient, type HttpResponse } from "../types";

export const TELEGRAM_API = "https://api.telegram.org";
/** sendMessage's limit on `text`, in characters (UTF-16 code units, which never undercounts). */
export const TELEGRAM_MAX_TEXT = 4096;

interface TelegramReply {
  ok?: boolean;
  result?: unknown;
  error_code?: number;
  description?: string;
  parameters?: { retry_after?: number; migrate_to_chat_id?: number };
}

export class TelegramError extends ConnectorError {
  constructor(
    message: string | Text,
    readonly reply: TelegramReply,
    status: number,
  ) {
    const code = status === 401 || status === 404 ? "auth_failed" : status === 403 ? "forbidden" : "rejected";
    super(message, { status, code });
  }
}

export class TelegramClient {
  private readonly base: string;

  constructor(
    private readonly http: HttpClient,
    private readonly botToken: string,
    baseUrl: string = TELEGRAM_API,
  ) {
    this.base = baseUrl.replace(/\/+$/, "");
  }

  async call<T>(method: string, params: Record<string, unknown> = {}): Promise<T> {
    const res = await this.http.request({
      method: "POST",
      url: `${this.base}/bot${this.botToken}/${method}`,
      json: params,
      service: "Telegram",
      retryAfterFrom: (r) => (r.body as TelegramReply | undefined)?.parameters?.retry_after,
    });
    const reply = (res.body ?? {}) as TelegramReply;
    if (res.status === 200 && reply.ok) return reply.result as T;
    throw telegramError(res, reply);
  }
}

function telegramError(res: HttpResponse, reply: TelegramReply): TelegramError {
  const description = reply.description ?? `HTTP ${res.status}`;
  if (res.status === 401 || res.status === 404) {
    const message = { en: `Telegram rejected the bot token (${description}). Copy the token from @BotFather again.`, ru: `Telegram не принял токен бота (${description}). Скопируйте токен у @BotFather ещё раз.` };
    return new TelegramError(message, reply, res.status);
  }
  return new TelegramError({ en: `Telegram refused: ${description}`, ru: `Telegram отказал: ${description}` }, reply, res.status);
}
