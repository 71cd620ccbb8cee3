// HTTP request: calls any public URL through the shared HTTP helper (timeout, SSRF guard,
// retries of short 429/503 waits, redacted log). 5xx, long 429 and timeouts fail as
// retryable; a 4xx fails unless "Continue on error status" is on, then the step gets it.
import { z } from "zod";
import { defineAction, defineConnector, field, isBlank, t } from "../fields";
import { ConnectorError, type HttpRequest } from "../types";
import { errorDetail } from "../http-client";

const request = defineAction({
  label: t("HTTP request", "HTTP-запрос"),
  help: t("Sends a request to any API and returns the status, headers and body (parsed when JSON).", "Отправляет запрос в любой API и возвращает статус, заголовки и тело ответа (JSON разбирается)."),
  input: z.object({
    method: field(z.enum(["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD"]).default("GET"), t("Method", "Метод")),
    url: field(z.url({ protocol: /^https?$/ }), t("URL", "Адрес (URL)")),
    headers: field(z.record(z.string(), z.coerce.string()).optional(), t("Headers", "Заголовки")),
    query: field(z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(), t("Query parameters", "Параметры запроса")),
    body: field(
      z.unknown().optional(),
      t("Body", "Тело запроса"),
      t("An object is sent as JSON; text is sent as it is (set Content-Type in the headers).", "Объект уходит как JSON; текст — как есть (Content-Type укажите в заголовках)."),
    ),
    continue_on_error_status: field(
      z.coerce.boolean().default(false),
      t("Continue on error status", "Продолжать при ошибке"),
      t("On: a 4xx answer is the step's result, not a failure.", "Включено: ответ 4xx — результат шага, а не ошибка."),
    ),
  }),
  output: z.object({
    status: z.number().int(),
    headers: z.record(z.string(), z.string()),
    body: z.unknown(),
  }),
  async run({ input, http }) {
    const req: HttpRequest = { method: input.method, url: input.url, headers: input.headers, query: input.query };
    if (typeof input.body === "string") req.rawBody = input.body;
    else if (!isBlank(input.body) && input.method !== "GET" && input.method !== "HEAD") req.json = input.body;
    // Whatever the user put in headers may be a credential: none of it reaches the log.
    req.secretHeaders = Object.keys(input.headers ?? {});
    const res = await http.request(req);
    if (res.status >= 400 && !input.continue_on_error_status) {
      const detail = errorDetail(res.body);
      const said = detail ? `: ${detail}` : ".";
      throw new ConnectorError({ en: `The server answered HTTP ${res.status}${said}`, ru: `Сервер ответил HTTP ${res.status}${said}` }, { status: res.status });
    }
    return { status: res.status, headers: Object.fromEntries(res.headers), body: res.body };
  },
});

export const http = defineConnector({
  app: "http",
  label: t("HTTP request", "HTTP-запрос"),
  help: t("Calls any API that has no connector yet.", "Вызов любого API, для которого ещё нет готовой интеграции."),
  triggers: {},
  actions: { request },
});
