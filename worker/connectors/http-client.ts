// The one HTTP helper every connector uses. It guarantees: the SSRF guard on the URL and on
// every redirect (followed by hand, at most 5; names resolved when a resolver is given), a
// per-request timeout, the per-account rate limit (the `limiter` hook, a Durable Object in
// production), short retries of 429/503 when the service asks for ≤ 2 s, transient
// ConnectorErrors for longer waits, 5xx, timeouts and network failures (the engine retries
// those durably), parsed JSON bodies (cut at the JSON depth bound: a service's answer has no
// sender to refuse; an answer over MAX_RESPONSE_BYTES is not read, the call fails instead of
// the Worker running out of memory and its run repeating the call), and one redacted log line
// per call: no secret query values, no Telegram token, never headers or bodies.
import type { Text } from "../i18n/text";
import { cutAtDepth } from "../json/bounds";
import { redactHeaders } from "../redaction/headers";
import { redactUrl } from "../redaction/url";
import type { HostResolver } from "./dns-over-https";
import { assertPublicDestination } from "./ssrf";
import { ConnectorError, type HttpClient, type HttpRequest, type HttpResponse, type QueryValue } from "./types";

export interface RateLimiter {
  /** Resolves when a request under `key` may be sent (at most `ratePerSecond` per second). */
  acquire(key: string, ratePerSecond?: number): Promise<void>;
}

export interface HttpClientOptions {
  fetch?: (input: string, init: RequestInit) => Promise<Response>;
  /** ALLOW_PRIVATE_NETWORK: let calls reach private and loopback addresses (dev, tests). */
  allowPrivateNetwork?: boolean;
  /** Resolves each host (every redirect hop too) so names that point at private addresses are refused. */
  resolve?: HostResolver;
  /** Receives one redacted line per HTTP exchange (for the step log). */
  log?: (line: Text) => void;
  /**
   * Receives each exchange as data, with the same redacted URL as the log line and secret
   * headers masked (for "test this step"); bodies are as sent and received, so the caller
   * redacts the connection's secret values from them.
   */
  exchange?: (exchange: HttpExchange) => void;
  limiter?: RateLimiter;
  /**
   * Awaited before each request is sent, after the rate limiter's slot is reserved: a run
   * prepares a step while the previous one's result is written, and sends only after.
   */
  beforeSend?: () => Promise<void>;
  /** Default service name for messages, when a request names none. */
  service?: string;
  /** Default per-request timeout; 15 s. */
  timeoutMs?: number;
  /** Longest wait (seconds) retried inside the request; longer ones go back to the engine. 2 s. */
  maxInlineRetrySeconds?: number;
  sleep?: (ms: number) => Promise<void>;
}

export interface HttpExchange {
  request: { method: string; url: string; headers: Record<string, string>; body: unknown };
  /** null when the service did not answer (timeout, network failure). */
  response: { status: number; body: unknown } | null;
}

export const DEFAULT_TIMEOUT_MS = 15_000;
/** The most of an answer a call reads: a Worker has 128 MB, and the parsed JSON takes several times its text. */
export const MAX_RESPONSE_BYTES = 16 * 1024 * 1024;
const MAX_RESPONSE_MIB = MAX_RESPONSE_BYTES / 2 ** 20;
const MAX_REDIRECTS = 5;
const MAX_INLINE_RETRIES = 2;

export function createHttpClient(options: HttpClientOptions = {}): HttpClient {
  const doFetch = options.fetch ?? ((input: string, init: RequestInit) => globalThis.fetch(input, init));
  const log = options.log ?? (() => {});
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const maxInline = options.maxInlineRetrySeconds ?? 2;

  async function send(req: HttpRequest, service: string): Promise<HttpResponse> {
    const timeoutMs = req.timeoutMs ?? options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    let url = withQuery(req.url, req.query);
    let method: string = req.method;
    let { body, headers } = encodeBody(req);
    for (let hop = 0; ; hop++) {
      const target = await assertPublicDestination(url, { allowPrivateNetwork: options.allowPrivateNetwork, resolve: options.resolve });
      await options.limiter?.acquire(req.rateLimit?.key ?? target.host, req.rateLimit?.perSecond);
      await options.beforeSend?.();
      const started = Date.now();
      const line = (outcome: Text, response: HttpExchange["response"] = null) => {
        const ms = Date.now() - started;
        log({ en: `${method} ${redactUrl(target.href)} → ${outcome.en} in ${ms} ms`, ru: `${method} ${redactUrl(target.href)} → ${outcome.ru} за ${ms} мс` });
        options.exchange?.({ request: { method, url: redactUrl(target.href), headers: redactHeaders(headers, req.secretHeaders), body: sentBody(req, body) }, response });
      };
      let response: Response;
      let parsed: unknown;
      try {
        response = await doFetch(target.href, { method, headers, body, redirect: "manual", signal: AbortSignal.timeout(timeoutMs) });
        const location = response.headers.get("location");
        if (isRedirect(response.status) && location) {
          await response.body?.cancel();
          line({ en: `${response.status} redirect`, ru: `${response.status}, перенаправление` }, { status: response.status, body: undefined });
          if (hop >= MAX_REDIRECTS) {
            throw new ConnectorError({ en: `${service} redirected more than ${MAX_REDIRECTS} times.`, ru: `${service}: больше ${MAX_REDIRECTS} перенаправлений подряд.` }, { code: "too_many_redirects" });
          }
          const next = new URL(location, target);
          if (response.status === 303 || ((response.status === 301 || response.status === 302) && method === "POST")) {
            method = method === "HEAD" ? "HEAD" : "GET";
            body = undefined;
            headers.delete("content-type");
          }
          if (next.origin !== target.origin) {
            for (const name of ["authorization", "cookie", ...(req.secretHeaders ?? [])]) headers.delete(name);
          }
          url = next.href;
          continue;
        }
        const text = await readCapped(response);
        if (text === undefined) {
          line({ en: `${response.status}, answer over ${MAX_RESPONSE_MIB} MiB not read`, ru: `${response.status}, ответ больше ${MAX_RESPONSE_MIB} МиБ не прочитан` }, { status: response.status, body: undefined });
          throw new ConnectorError(
            {
              en: `${service} answered HTTP ${response.status} with more than ${MAX_RESPONSE_MIB} MiB; Svyazka reads at most that much of an answer. Ask for less (a filter, a page, fewer fields).`,
              ru: `${service} ответил (HTTP ${response.status}) больше чем ${MAX_RESPONSE_MIB} МиБ данных; Связка читает не больше. Запросите меньше (фильтр, страницу, меньше полей).`,
            },
            { status: response.status, code: "response_too_large" },
          );
        }
        parsed = parseBody(text, response.headers.get("content-type") ?? "");
      } catch (err) {
        if (err instanceof ConnectorError) throw err;
        const timedOut = err instanceof Error && (err.name === "TimeoutError" || err.name === "AbortError");
        line(timedOut ? { en: "timed out", ru: "нет ответа" } : { en: "failed", ru: "ошибка" });
        if (timedOut) throw new ConnectorError({ en: `${service} did not answer within ${timeoutMs / 1000} s.`, ru: `${service}: нет ответа за ${timeoutMs / 1000} с.` }, { transient: true, code: "timeout" });
        const why = err instanceof Error ? err.message : String(err);
        throw new ConnectorError({ en: `Could not reach ${service}: ${why}`, ru: `Не удалось связаться с ${service}: ${why}` }, { transient: true, code: "network" });
      }
      line({ en: String(response.status), ru: String(response.status) }, { status: response.status, body: parsed });
      return { status: response.status, headers: response.headers, body: parsed, url: target.href };
    }
  }

  return {
    async request(req) {
      const service = req.service ?? options.service ?? hostOf(req.url);
      for (let attempt = 0; ; attempt++) {
        const res = await send(req, service);
        if (res.status === 429 || res.status === 503) {
          const wait = req.retryAfterFrom?.(res) ?? retryAfterSeconds(res.headers.get("retry-after"));
          if (wait !== undefined && wait <= maxInline && attempt < MAX_INLINE_RETRIES) {
            log({ en: `waiting ${wait} s as ${service} asked (HTTP ${res.status})`, ru: `ждём ${wait} с, как просит ${service} (HTTP ${res.status})` });
            await sleep(wait * 1000);
            continue;
          }
          const limited = res.status === 429;
          const detail = detailSuffix(res.body);
          const when = wait !== undefined ? { en: ` Retry after ${wait} s.`, ru: ` Повторите через ${wait} с.` } : undefined;
          const state = limited ? { en: "is limiting requests", ru: "слишком много запросов" } : { en: "is unavailable", ru: "сервис недоступен" };
          const message = { en: `${service} ${state.en} (HTTP ${res.status}).${when?.en ?? ""}${detail}`, ru: `${service}: ${state.ru} (код HTTP ${res.status}).${when?.ru ?? ""}${detail}` };
          throw new ConnectorError(message, {
            transient: true,
            retryAfterSeconds: wait,
            status: res.status,
            code: res.status === 429 ? "rate_limited" : "unavailable",
          });
        }
        if (res.status >= 500) {
          const detail = detailSuffix(res.body);
          const message = { en: `${service} failed with HTTP ${res.status}.${detail}`, ru: `${service}: ошибка на стороне сервиса, HTTP ${res.status}.${detail}` };
          throw new ConnectorError(message, { transient: true, status: res.status, code: "server_error" });
        }
        return res;
      }
    },
  };
}

/** The error text a service put in its body, from the shapes our services use; undefined if none. */
export function errorDetail(body: unknown): string | undefined {
  if (typeof body === "string") {
    const text = body.trim();
    return text && !text.startsWith("<") ? text.slice(0, 300) : undefined;
  }
  if (!body || typeof body !== "object") return undefined;
  const b = body as Record<string, any>;
  const google = b.error && typeof b.error === "object" ? b.error.message : undefined;
  const oauth = typeof b.error === "string" ? [b.error, b.error_description ?? b.hint].filter(Boolean).join(": ") : undefined;
  const problem = b.title || b.detail ? [b.title, b.detail].filter(Boolean).join(": ") : undefined;
  const text = b.description ?? google ?? problem ?? b.message ?? oauth ?? (Array.isArray(b.errors) ? b.errors.join("; ") : undefined);
  return typeof text === "string" && text ? text.slice(0, 300) : undefined;
}

function detailSuffix(body: unknown) {
  const detail = errorDetail(body);
  return detail ? ` ${detail}` : "";
}

/** Seconds from a Retry-After header (delta-seconds or an HTTP date); undefined if absent. */
export function retryAfterSeconds(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  if (/^\s*\d+(\.\d+)?\s*$/.test(header)) return Math.ceil(Number(header));
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}

export function withQuery(url: string, query: Record<string, QueryValue> | undefined): string {
  if (!query) return url;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ConnectorError({ en: `"${url}" is not a valid URL.`, ru: `«${url}» — неправильный URL.` }, { code: "invalid_url" });
  }
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue;
    for (const item of Array.isArray(value) ? value : [value]) parsed.searchParams.append(name, String(item));
  }
  return parsed.href;
}

/** The body as the connector gave it (JSON as an object, a form as fields), not as encoded bytes. */
function sentBody(req: HttpRequest, encoded: string | undefined): unknown {
  if (encoded === undefined) return null;
  return req.rawBody ?? req.form ?? req.json ?? encoded;
}

function encodeBody(req: HttpRequest): { body: string | undefined; headers: Headers } {
  const headers = new Headers(req.headers);
  const setType = (type: string) => {
    if (!headers.has("content-type")) headers.set("content-type", type);
  };
  if (req.rawBody !== undefined) return { body: req.rawBody, headers };
  if (req.form !== undefined) {
    setType("application/x-www-form-urlencoded");
    return { body: new URLSearchParams(req.form).toString(), headers };
  }
  if (req.json !== undefined) {
    setType("application/json");
    return { body: JSON.stringify(req.json), headers };
  }
  return { body: undefined, headers };
}

/** The answer's text, or undefined when it is longer than MAX_RESPONSE_BYTES (the rest is not read). */
async function readCapped(response: Response): Promise<string | undefined> {
  if (Number(response.headers.get("content-length")) > MAX_RESPONSE_BYTES) {
    await response.body?.cancel();
    return undefined;
  }
  if (!response.body) return "";
  // Decoded as it arrives (a decoder of its own: `stream` keeps a character split over chunks).
  const decoder = new TextDecoder();
  let text = "";
  let bytes = 0;
  for await (const chunk of response.body) {
    bytes += chunk.byteLength;
    // Leaving the loop cancels the rest of the stream.
    if (bytes > MAX_RESPONSE_BYTES) return undefined;
    text += decoder.decode(chunk, { stream: true });
  }
  return text + decoder.decode();
}

function parseBody(text: string, type: string): unknown {
  if (!text) return undefined;
  if (/[/+]json\b/i.test(type) || (!type && /^\s*[[{]/.test(text))) {
    try {
      return cutAtDepth(JSON.parse(text));
    } catch {
      return text;
    }
  }
  return text;
}

function isRedirect(status: number) {
  return status === 301 || status === 302 || status === 303 || status === 307 || status === 308;
}

function hostOf(url: string) {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
