// A DNS-over-HTTPS resolver double with the JSON API of cloudflare-dns.com and dns.google:
// GET /dns-query?name=<name>&type=A|AAAA (or 1|28) with `accept: application/dns-json`
// (anything else is 400, as there) → {Status, Question, Answer: [{name, type, TTL, data}]},
// names with a trailing dot, CNAME chains followed like a recursive resolver (the CNAME
// records first, then the target's). Unknown names are NXDOMAIN (Status 3).
// Admin: POST /__admin/records {"<name>": {A?, AAAA?, CNAME?, TTL?, status?: "NXDOMAIN" |
// "SERVFAIL"}} (merged), GET /__admin/state ({records, queries: ["<name> <type>"…]}),
// POST /__admin/reset; `failNext`/`delayMs` from admin.ts. An unreachable resolver: the
// fault layer (faults.ts) in front of dns.fake.
import { Hono, type Context } from "hono";
import { withAdmin } from "./admin.ts";

export interface DnsRecords {
  A?: string[];
  AAAA?: string[];
  CNAME?: string;
  /** Seconds; 60 by default. */
  TTL?: number;
  status?: "NXDOMAIN" | "SERVFAIL";
}

const TYPES: Record<string, number> = { A: 1, AAAA: 28, CNAME: 5, "1": 1, "28": 28, "5": 5 };
const STATUS = { NOERROR: 0, SERVFAIL: 2, NXDOMAIN: 3 } as const;

let records: Record<string, DnsRecords> = {};
let queries: string[] = [];

const canonical = (name: string) => name.toLowerCase().replace(/\.?$/, ".");
const lookup = (name: string) => records[canonical(name).slice(0, -1)];

function resolve(c: Context) {
  if (!(c.req.header("accept") ?? "").includes("application/dns-json")) return c.json({ error: "Invalid accept header" }, 400);
  const name = c.req.query("name");
  const type = TYPES[(c.req.query("type") ?? "A").toUpperCase()];
  if (!name || !type) return c.json({ error: "Invalid query name or type" }, 400);
  queries.push(`${canonical(name).slice(0, -1)} ${type === 28 ? "AAAA" : type === 5 ? "CNAME" : "A"}`);
  const answer: Array<{ name: string; type: number; TTL: number; data: string }> = [];
  let current = name;
  let status: number = STATUS.NOERROR;
  for (let hops = 0; hops < 8; hops++) {
    const entry = lookup(current);
    if (!entry || entry.status) {
      // A dangling CNAME still answers NOERROR with the chain so far, as resolvers do.
      if (answer.length === 0) status = entry?.status === "SERVFAIL" ? STATUS.SERVFAIL : STATUS.NXDOMAIN;
      break;
    }
    const ttl = entry.TTL ?? 60;
    if (entry.CNAME) {
      answer.push({ name: canonical(current), type: 5, TTL: ttl, data: canonical(entry.CNAME) });
      if (type === 5) break;
      current = entry.CNAME;
      continue;
    }
    const data = type === 1 ? entry.A : type === 28 ? entry.AAAA : undefined;
    for (const address of data ?? []) answer.push({ name: canonical(current), type, TTL: ttl, data: address });
    break;
  }
  const body = { Status: status, TC: false, RD: true, RA: true, AD: false, CD: false, Question: [{ name: canonical(name), type }], ...(answer.length ? { Answer: answer } : {}) };
  return c.body(JSON.stringify(body), 200, { "content-type": "application/dns-json" });
}

export const dnsFake = new Hono();
withAdmin(dnsFake, {
  state: () => ({ records, queries }),
  reset: () => {
    records = {};
    queries = [];
  },
  failure: (c, status, body) => c.json(body ?? { error: "injected" }, status as 500),
});
dnsFake.post("/__admin/records", async (c) => {
  records = { ...records, ...((await c.req.json()) as Record<string, DnsRecords>) };
  return c.json({ ok: true });
});
dnsFake.get("/dns-query", resolve);
