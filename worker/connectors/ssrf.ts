// The SSRF guard: refuses URLs that point at private, loopback, link-local or otherwise
// internal addresses before a connector calls them.
//
// Two layers. `assertPublicUrl` judges the URL text: IP literals in any spelling, names that
// are internal by convention, and wildcard-DNS services that answer with the address written
// in the name (`127.0.0.1.nip.io`), all without a lookup. `assertPublicDestination` then
// resolves a name over DNS-over-HTTPS (a Worker has no getaddrinfo) and checks every address
// and CNAME answered. Limits (docs/reliability.md): the name is resolved again by `fetch`
// itself, so a rebinding name that answers differently the second time is not caught here;
// Cloudflare's edge does not route Workers' subrequests into private networks, which covers
// that in production. Redirects are followed by the HTTP helper one hop at a time, each
// Location checked (and resolved) again.
import { ConnectorError } from "./types";
import type { Text } from "../i18n/text";
import type { HostResolver } from "./dns-over-https";

export interface SsrfOptions {
  /** true in local development and tests: private addresses are allowed (and names not resolved). */
  allowPrivateNetwork: boolean;
}

/**
 * `assertPublicUrl`, then, for a name, resolves it with `resolve` and refuses it when any
 * answered address or alias is not public. A resolver failure refuses the call too (fail
 * closed; transient, so the engine retries). No resolver, or private networks allowed: text
 * checks only.
 */
export async function assertPublicDestination(url: string, options: Partial<SsrfOptions> & { resolve?: HostResolver } = {}): Promise<URL> {
  const parsed = assertPublicUrl(url, options);
  const host = parsed.hostname.toLowerCase().replace(/\.+$/, "");
  if (options.allowPrivateNetwork || !options.resolve || host.startsWith("[") || parseIPv4(host) !== undefined) return parsed;
  const { addresses, aliases } = await options.resolve(host);
  for (const alias of aliases) {
    const reason = metadataHost(alias) ?? privateHostReason(alias);
    if (reason) throw refused({ en: `Calls to ${host} are refused: it is an alias of ${alias}, ${reason.en}.`, ru: `Вызовы ${host} запрещены: это псевдоним ${alias}, ${reason.ru}.` });
  }
  for (const address of addresses) {
    const reason = addressReason(address);
    if (reason) throw refused({ en: `Calls to ${host} are refused: it resolves to ${address}, ${reason.en}.`, ru: `Вызовы ${host} запрещены: имя указывает на ${address}, ${reason.ru}.` });
  }
  return parsed;
}

/** Why a resolved address (dotted IPv4 or IPv6 text) is not public; undefined when it is. */
export function addressReason(address: string): Text | undefined {
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(address)) {
    const ip = parseIPv4(address);
    return ip === undefined ? { en: "not an address", ru: "не адрес" } : ipv4Reason(ip);
  }
  const groups = parseIPv6(address);
  return groups ? ipv6Reason(groups) : { en: "not an address", ru: "не адрес" };
}

/** Parses `url` and returns it, or throws a permanent ConnectorError (code "ssrf_blocked"). */
export function assertPublicUrl(url: string, { allowPrivateNetwork = false }: Partial<SsrfOptions> = {}): URL {
  // URL parsers reject IPv6 zone ids ([fe80::1%25eth0]); without the zone the address is checked like any other.
  const parsed = parseUrl(url) ?? parseUrl(url.replace(/^([a-z]+:\/\/[^/]*\[[^\]%]+)%25[^\]]*\]/i, "$1]"));
  if (!parsed) throw refused({ en: `"${url}" is not a valid URL.`, ru: `«${url}» — неправильный URL.` });
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    const scheme = parsed.protocol.replace(/:$/, "");
    throw refused({ en: `Only http and https URLs can be called, not ${scheme}.`, ru: `Вызывать можно только адреса http и https, не ${scheme}.` });
  }
  // Cloud metadata services hand out credentials: refused even where private networks are allowed.
  const metadata = metadataHost(parsed.hostname);
  const reason = metadata ?? (allowPrivateNetwork ? undefined : privateHostReason(parsed.hostname));
  const host = parsed.hostname.replace(/^\[|\]$/g, "");
  if (reason) throw refused({ en: `Calls to ${host} are refused: it is ${reason.en}.`, ru: `Вызовы ${host} запрещены: это ${reason.ru}.` });
  return parsed;
}

function parseUrl(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

const v4 = (a: number, b: number, c: number, d: number) => ((a * 256 + b) * 256 + c) * 256 + d;

/** Names of metadata services. Their addresses are below, matched in every spelling. */
const METADATA_NAMES = new Set(["metadata.google.internal", "metadata", "instance-data"]);
/** AWS, GCP, Azure, Oracle and DigitalOcean (169.254.169.254), AWS ECS task credentials (169.254.170.2), Alibaba (100.100.100.200). */
const METADATA_IPV4 = new Set([v4(169, 254, 169, 254), v4(169, 254, 170, 2), v4(100, 100, 100, 200)]);
/** AWS's IPv6 endpoint, fd00:ec2::254. */
const METADATA_IPV6 = [0xfd00, 0xec2, 0, 0, 0, 0, 0, 0x254].join(":");

/**
 * A metadata service however its address is written: the URL parser has already turned
 * decimal, octal, hex and short IPv4 forms into dotted ones, but an IPv4 address inside an
 * IPv6 one (::ffff:169.254.169.254, 64:ff9b::a9fe:a9fe, 6to4, Teredo) or in a wildcard-DNS
 * name (169.254.169.254.nip.io) reaches the same service, so those are unwrapped here.
 */
function metadataHost(hostname: string): Text | undefined {
  const host = hostname.toLowerCase().replace(/\.+$/, "").replace(/^\[|\]$/g, "");
  const v6 = host.includes(":") ? parseIPv6(host) : undefined;
  const ip = parseIPv4(host) ?? (v6 && embeddedIPv4(v6)) ?? ipv4InWildcardName(host);
  if (METADATA_NAMES.has(host) || (ip !== undefined && METADATA_IPV4.has(ip)) || v6?.join(":") === METADATA_IPV6) {
    return { en: "a cloud metadata service", ru: "сервис метаданных облака" };
  }
  return undefined;
}

const ipv4Text = (ip: number) => [24, 16, 8, 0].map((shift) => (ip >>> shift) & 255).join(".");

/** Why the host is not public, or undefined when it is (or may be: names are not resolved). */
export function privateHostReason(hostname: string): Text | undefined {
  const host = hostname.toLowerCase().replace(/\.+$/, "");
  if (host.startsWith("[") || host.includes(":")) {
    const groups = parseIPv6(host.replace(/^\[|\]$/g, ""));
    return groups ? ipv6Reason(groups) : { en: "not a valid IPv6 address", ru: "неправильный IPv6-адрес" };
  }
  const v4 = parseIPv4(host);
  if (v4 !== undefined) return ipv4Reason(v4);
  if (host === "" ) return { en: "empty", ru: "пустое имя" };
  if (host === "localhost" || host.endsWith(".localhost")) return { en: "the local machine", ru: "этот же компьютер" };
  if (host.endsWith(".local")) return { en: "a local network (mDNS) name", ru: "имя локальной сети (mDNS)" };
  if (host === "internal" || host.endsWith(".internal")) return { en: "an internal name", ru: "внутреннее имя" };
  // Single-label names (http://intranet/) only resolve inside a private network.
  if (!host.includes(".")) return { en: "a single-label (intranet) name", ru: "имя из одного слова (внутренняя сеть)" };
  return wildcardDnsReason(host);
}

// --- Wildcard DNS services ----------------------------------------------------------------

/** Services that answer any name under them with the address written in it (nip.io rules). */
const ADDRESS_IN_NAME = ["nip.io", "sslip.io", "xip.io", "traefik.me"];
/** Services that answer any name under them with 127.0.0.1 (or ::1). */
const LOOPBACK_NAMES = ["localtest.me", "lvh.me", "vcap.me", "lacolhost.com", "localhost.direct", "fuf.me", "local.gd"];

/**
 * These names exist to point wherever their name says, so they are refused outright, without
 * a lookup (offline too); a public address can be called by itself instead.
 */
function wildcardDnsReason(host: string): Text | undefined {
  const under = (suffix: string) => host === suffix || host.endsWith(`.${suffix}`);
  const loopback = LOOPBACK_NAMES.find(under);
  if (loopback) return { en: `a wildcard DNS name (${loopback}) for the local machine`, ru: `имя сервиса подстановочного DNS (${loopback}), указывающее на этот же компьютер` };
  const service = ADDRESS_IN_NAME.find(under);
  if (!service) return undefined;
  const address = addressInName(host.slice(0, -service.length - 1));
  const reason = address && addressReason(address);
  if (reason) return { en: `a wildcard DNS name (${service}) for ${address}, ${reason.en}`, ru: `имя сервиса подстановочного DNS (${service}) для ${address}, ${reason.ru}` };
  return {
    en: `a wildcard DNS name (${service}) that answers with whatever address its name holds; call the address itself`,
    ru: `имя сервиса подстановочного DNS (${service}), который отвечает любым адресом, записанным в имени; вызывайте сам адрес`,
  };
}

/** The address at the end of a nip.io-style name: `a.10.0.0.1`, `a-10-0-0-1`, `a-0a000001`, sslip.io's `--1` (::1). */
function addressInName(prefix: string): string | undefined {
  const dotted = /(?:^|[.-])(\d{1,3}[.-]\d{1,3}[.-]\d{1,3}[.-]\d{1,3})$/.exec(prefix)?.[1].replaceAll("-", ".");
  if (dotted && parseIPv4(dotted) !== undefined) return dotted;
  const hex = /(?:^|[.-])([0-9a-f]{8})$/.exec(prefix);
  if (hex) return ipv4Text(parseInt(hex[1], 16));
  const v6 = prefix.split(".").at(-1)!.replaceAll("-", ":");
  return v6.includes(":") && parseIPv6(v6) ? v6 : undefined;
}

/** The IPv4 address a nip.io-style name stands for (also inside an IPv6 one), if it holds one. */
function ipv4InWildcardName(host: string): number | undefined {
  const service = ADDRESS_IN_NAME.find((suffix) => host.endsWith(`.${suffix}`));
  const address = service && addressInName(host.slice(0, -service.length - 1));
  if (!address) return undefined;
  const groups = parseIPv6(address);
  return parseIPv4(address) ?? (groups && embeddedIPv4(groups));
}

// --- IPv4 ---------------------------------------------------------------------------------

/**
 * Reads an IPv4 address the way URL parsers and inet_aton do: 1 to 4 dot-separated parts,
 * each decimal, hex (0x) or octal (leading 0), the last part filling the remaining bytes
 * (`2130706433`, `0x7f.1`, `0177.0.0.1` are all 127.0.0.1). Undefined when it is a name.
 */
export function parseIPv4(host: string): number | undefined {
  const parts = host.split(".");
  if (parts.length > 4 || parts.some((p) => p === "")) return undefined;
  const numbers: number[] = [];
  for (const part of parts) {
    let n: number;
    if (/^0x[0-9a-f]*$/i.test(part)) n = part.length === 2 ? 0 : parseInt(part.slice(2), 16);
    else if (/^0[0-7]+$/.test(part)) n = parseInt(part.slice(1), 8);
    else if (/^(0|[1-9][0-9]*)$/.test(part)) n = Number(part);
    else return undefined;
    numbers.push(n);
  }
  const last = numbers.pop()!;
  if (numbers.some((n) => n > 255)) return undefined;
  if (last >= 256 ** (4 - numbers.length)) return undefined;
  return numbers.reduce((acc, n, i) => acc + n * 256 ** (3 - i), 0) + last;
}

/** [first address, prefix length, what it is] */
const IPV4_BLOCKED: Array<[number, number, Text]> = [
  [v4(0, 0, 0, 0), 8, { en: "an unspecified address", ru: "неопределённый адрес" }],
  [v4(10, 0, 0, 0), 8, { en: "a private address", ru: "частный адрес" }],
  [v4(100, 64, 0, 0), 10, { en: "a carrier-grade NAT address", ru: "адрес NAT провайдера (CGNAT)" }],
  [v4(127, 0, 0, 0), 8, { en: "a loopback address", ru: "адрес обратной петли (loopback)" }],
  [v4(169, 254, 0, 0), 16, { en: "a link-local address", ru: "локальный адрес канала (link-local)" }],
  [v4(172, 16, 0, 0), 12, { en: "a private address", ru: "частный адрес" }],
  [v4(192, 0, 0, 0), 24, { en: "an IETF protocol address", ru: "служебный адрес IETF" }],
  [v4(192, 0, 2, 0), 24, { en: "a documentation address", ru: "адрес для документации" }],
  [v4(192, 168, 0, 0), 16, { en: "a private address", ru: "частный адрес" }],
  [v4(198, 18, 0, 0), 15, { en: "a benchmarking address", ru: "адрес для тестов производительности" }],
  [v4(198, 51, 100, 0), 24, { en: "a documentation address", ru: "адрес для документации" }],
  [v4(203, 0, 113, 0), 24, { en: "a documentation address", ru: "адрес для документации" }],
  [v4(224, 0, 0, 0), 4, { en: "a multicast address", ru: "групповой адрес (multicast)" }],
  [v4(240, 0, 0, 0), 4, { en: "a reserved or broadcast address", ru: "зарезервированный или широковещательный адрес" }],
];

function ipv4Reason(ip: number): Text | undefined {
  for (const [base, prefix, reason] of IPV4_BLOCKED) {
    const size = 2 ** (32 - prefix);
    if (ip >= base && ip < base + size) return reason;
  }
  return undefined;
}

// --- IPv6 ---------------------------------------------------------------------------------

/** Eight 16-bit groups, or undefined when it is not an IPv6 address. */
export function parseIPv6(text: string): number[] | undefined {
  let s = text.toLowerCase().replace(/%.*$/, ""); // zone id
  // A trailing dotted IPv4 part (::ffff:127.0.0.1) becomes two groups.
  const dotted = /^(.*:)(\d+\.\d+\.\d+\.\d+)$/.exec(s);
  if (dotted) {
    const ip = parseIPv4(dotted[2]);
    if (ip === undefined || !/^\d+\.\d+\.\d+\.\d+$/.test(dotted[2])) return undefined;
    s = `${dotted[1]}${(ip >>> 16).toString(16)}:${(ip & 0xffff).toString(16)}`;
  }
  const halves = s.split("::");
  if (halves.length > 2) return undefined;
  const read = (part: string) => (part === "" ? [] : part.split(":"));
  const head = read(halves[0]);
  const tail = halves.length === 2 ? read(halves[1]) : [];
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
  const groups = [...head, ...Array(halves.length === 2 ? missing : 0).fill("0"), ...tail];
  if (groups.some((g) => !/^[0-9a-f]{1,4}$/.test(g))) return undefined;
  return groups.map((g) => parseInt(g, 16));
}

/**
 * The IPv4 address an IPv6 address carries, in the forms that deliver to it: IPv4-mapped
 * (::ffff:a.b.c.d), IPv4-translated (::ffff:0:a.b.c.d), IPv4-compatible (::a.b.c.d), NAT64
 * (64:ff9b::a.b.c.d), 6to4 (2002:aabb:ccdd::) and Teredo (2001:0::, the client's address
 * inverted in the last 32 bits). Undefined for any other address.
 */
function embeddedIPv4(g: readonly number[]): number | undefined {
  const zeros = (from: number, to: number) => g.slice(from, to).every((x) => x === 0);
  const join = (hi: number, lo: number) => hi * 65536 + lo;
  if (zeros(0, 5) && (g[5] === 0xffff || g[5] === 0)) return join(g[6], g[7]);
  if (zeros(0, 4) && g[4] === 0xffff && g[5] === 0) return join(g[6], g[7]);
  if (g[0] === 0x64 && g[1] === 0xff9b && zeros(2, 6)) return join(g[6], g[7]);
  if (g[0] === 0x2002) return join(g[1], g[2]);
  if (g[0] === 0x2001 && g[1] === 0) return join(g[6] ^ 0xffff, g[7] ^ 0xffff);
  return undefined;
}

function ipv6Reason(g: number[]): Text | undefined {
  const zeros = (from: number, to: number) => g.slice(from, to).every((x) => x === 0);
  if (zeros(0, 8)) return { en: "an unspecified address", ru: "неопределённый адрес" };
  if (zeros(0, 7) && g[7] === 1) return { en: "a loopback address", ru: "адрес обратной петли (loopback)" };
  // An address that carries an IPv4 one is as public as the IPv4 address it delivers to.
  const embedded = embeddedIPv4(g);
  if (embedded !== undefined) return ipv4Reason(embedded);
  if ((g[0] & 0xfe00) === 0xfc00) return { en: "a unique-local address", ru: "уникальный локальный адрес (unique-local)" };
  if ((g[0] & 0xffc0) === 0xfe80) return { en: "a link-local address", ru: "локальный адрес канала (link-local)" };
  if ((g[0] & 0xffc0) === 0xfec0) return { en: "a site-local address", ru: "локальный адрес сайта (site-local)" };
  if ((g[0] & 0xff00) === 0xff00) return { en: "a multicast address", ru: "групповой адрес (multicast)" };
  if (g[0] === 0x2001 && g[1] === 0x0db8) return { en: "a documentation address", ru: "адрес для документации" };
  return undefined;
}

function refused(message: Text): ConnectorError {
  return new ConnectorError(message, { transient: false, code: "ssrf_blocked" });
}
