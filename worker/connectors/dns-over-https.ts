// Resolves a host name for the SSRF guard over DNS-over-HTTPS (the JSON API of
// cloudflare-dns.com and dns.google): a Worker has no getaddrinfo, so it asks a resolver.
// Answers are cached per isolate for their TTL (at most 5 minutes, 256 names); failures
// are never cached. Why hand-written and fail-closed: docs/decisions/0016.
import { ConnectorError } from "./types";
import type { Text } from "../i18n/text";

/** What a name points at: every A/AAAA address and every CNAME on the way, as answered. */
export interface Resolution {
  addresses: string[];
  aliases: string[];
}

export type HostResolver = (host: string) => Promise<Resolution>;

export const DEFAULT_DNS_RESOLVER_URL = "https://cloudflare-dns.com/dns-query";

const RECORD = { A: 1, CNAME: 5, AAAA: 28 } as const;
const NXDOMAIN = 3;
const RCODES: Record<number, string> = { 1: "FORMERR", 2: "SERVFAIL", 4: "NOTIMP", 5: "REFUSED" };
const MAX_CACHED_NAMES = 256;
const MAX_CACHE_SECONDS = 300;
const DEFAULT_TIMEOUT_MS = 3_000;

interface DohAnswer {
  name: string;
  type: number;
  TTL: number;
  data: string;
}

interface DohReply {
  Status: number;
  Answer?: DohAnswer[];
}

export interface DohOptions {
  fetch?: (input: string, init: RequestInit) => Promise<Response>;
  /** Per query; 3 s. */
  timeoutMs?: number;
  /** Defaults to one cache per isolate; tests pass their own. */
  cache?: Map<string, { resolution: Resolution; expiresAt: number }>;
}

const isolateCache: NonNullable<DohOptions["cache"]> = new Map();

/** A resolver asking `resolverUrl` (…/dns-query) for A and AAAA records. */
export function dohResolver(resolverUrl: string, options: DohOptions = {}): HostResolver {
  const doFetch = options.fetch ?? ((input: string, init: RequestInit) => globalThis.fetch(input, init));
  const cache = options.cache ?? isolateCache;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;

  async function query(host: string, type: "A" | "AAAA"): Promise<DohReply> {
    const url = new URL(resolverUrl);
    url.searchParams.set("name", host);
    url.searchParams.set("type", type);
    const unavailable = (why: Text) =>
      new ConnectorError(
        { en: `Could not check where ${host} points: the DNS resolver ${why.en}. Nothing was sent to ${host}.`, ru: `Не удалось проверить, куда указывает ${host}: DNS-резолвер ${why.ru}. В ${host} ничего не отправлено.` },
        { transient: true, code: "dns_unavailable" },
      );
    let reply: DohReply;
    try {
      const res = await doFetch(url.href, { headers: { accept: "application/dns-json" }, signal: AbortSignal.timeout(timeoutMs) });
      if (!res.ok) {
        await res.body?.cancel();
        throw unavailable({ en: `answered HTTP ${res.status}`, ru: `ответил HTTP ${res.status}` });
      }
      reply = (await res.json()) as DohReply;
    } catch (err) {
      if (err instanceof ConnectorError) throw err;
      const timedOut = err instanceof Error && (err.name === "TimeoutError" || err.name === "AbortError");
      const detail = err instanceof Error ? err.message : String(err);
      throw unavailable(
        timedOut
          ? { en: `did not answer within ${timeoutMs / 1000} s`, ru: `не ответил за ${timeoutMs / 1000} с` }
          : { en: `could not be reached (${detail})`, ru: `недоступен (${detail})` },
      );
    }
    if (typeof reply?.Status !== "number") throw unavailable({ en: "sent an answer that is not DNS JSON", ru: "прислал ответ не в формате DNS JSON" });
    if (reply.Status === NXDOMAIN) {
      throw new ConnectorError({ en: `${host} does not exist in DNS (NXDOMAIN). Check the address.`, ru: `Имени ${host} нет в DNS (NXDOMAIN). Проверьте адрес.` }, { code: "host_not_found" });
    }
    if (reply.Status !== 0) {
      const rcode = RCODES[reply.Status] ?? `status ${reply.Status}`;
      throw new ConnectorError(
        { en: `DNS could not resolve ${host} right now (${rcode}). Nothing was sent.`, ru: `DNS сейчас не может найти адрес ${host} (${rcode}). Ничего не отправлено.` },
        { transient: true, code: "dns_unavailable" },
      );
    }
    return reply;
  }

  return async (host) => {
    const key = `${resolverUrl} ${host}`;
    const cached = cache.get(key);
    if (cached && cached.expiresAt > Date.now()) return cached.resolution;
    cache.delete(key);

    const answers = (await Promise.all([query(host, "A"), query(host, "AAAA")])).flatMap((r) => r.Answer ?? []);
    const data = (type: number) => [...new Set(answers.filter((a) => a.type === type).map((a) => String(a.data).toLowerCase().replace(/\.$/, "")))];
    const resolution = { addresses: [...data(RECORD.A), ...data(RECORD.AAAA)], aliases: data(RECORD.CNAME) };
    if (resolution.addresses.length === 0) {
      throw new ConnectorError({ en: `${host} has no address in DNS (no A or AAAA record). Check the address.`, ru: `У ${host} нет адреса в DNS (нет записи A или AAAA). Проверьте адрес.` }, { code: "host_not_found" });
    }

    const ttl = Math.min(MAX_CACHE_SECONDS, ...answers.map((a) => Number(a.TTL) || 0));
    if (ttl > 0) {
      if (cache.size >= MAX_CACHED_NAMES) cache.delete(cache.keys().next().value!);
      cache.set(key, { resolution, expiresAt: Date.now() + ttl * 1000 });
    }
    return resolution;
  };
}
