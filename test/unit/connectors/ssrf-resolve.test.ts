// The SSRF guard's DNS layer (issue 9): names are resolved over DNS-over-HTTPS against the
// resolver double (test/fakes/dns.ts at http://dns.fake) and refused when any answer is not
// public, redirects included; wildcard-DNS names are refused without a lookup; a resolver
// that cannot be reached refuses the call (fail closed, transient).
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createHttpClient } from "../../../worker/connectors/http-client";
import { dohResolver } from "../../../worker/connectors/dns-over-https";
import { assertPublicDestination } from "../../../worker/connectors/ssrf";
import type { DnsRecords } from "../../fakes/dns";
import type { Fault } from "../../fakes/faults";
import { connectorError as refusal } from "../../integration/connectors/support";
import { admin } from "../../integration/support/fakes";

const DNS = "http://dns.fake";
const resolverUrl = `${DNS}/dns-query`;

const records = (table: Record<string, DnsRecords>) => admin(DNS, "records", table);
const queries = async () => (await admin(DNS, "state")).queries as string[];
const inject = (fault: Omit<Fault, "count"> & { count?: number }) =>
  fetch("http://faults.fake/inject", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(fault) });

/** A resolver with its own cache, so tests do not see each other's answers. */
const freshResolver = (timeoutMs?: number) => dohResolver(resolverUrl, { cache: new Map(), timeoutMs });
const check = (url: string, resolve = freshResolver()) => assertPublicDestination(url, { resolve });

beforeEach(async () => {
  await admin(DNS, "reset", {});
});
afterEach(() => fetch("http://faults.fake/reset", { method: "POST" }));

describe("names are resolved and every answer checked", () => {
  it("allows a public name after asking for its A and AAAA records", async () => {
    await records({ "api.example.com": { A: ["93.184.216.34"], AAAA: ["2606:2800:220:1:248:1893:25c8:1946"] } });
    expect((await check("https://API.example.com./v1/x")).href).toBe("https://api.example.com./v1/x");
    expect((await queries()).sort()).toEqual(["api.example.com A", "api.example.com AAAA"]);
  });

  it.each([
    ["ten.example.com", { A: ["10.1.2.3"] }, "10.1.2.3, a private address"],
    ["loop.example.com", { A: ["127.0.0.1"] }, "127.0.0.1, a loopback address"],
    ["meta.example.com", { A: ["169.254.169.254"] }, "169.254.169.254, a link-local address"],
    ["v6loop.example.com", { AAAA: ["::1"] }, "::1, a loopback address"],
    ["ula.example.com", { AAAA: ["fd12:3456::1"] }, "fd12:3456::1, a unique-local address"],
    ["mapped.example.com", { AAAA: ["::ffff:192.168.0.5"] }, "::ffff:192.168.0.5, a private address"],
    // One private answer among public ones is enough: fetch may pick any of them.
    ["mixed.example.com", { A: ["93.184.216.34", "172.16.5.4"], AAAA: ["2606:4700::1111"] }, "172.16.5.4, a private address"],
  ] as Array<[string, DnsRecords, string]>)("refuses %s (%j), naming the address", async (host, answer, said) => {
    await records({ [host]: answer });
    const err = await refusal(check(`https://${host}/hook`));
    expect(err.message).toBe(`Calls to ${host} are refused: it resolves to ${said}.`);
    expect(err.options).toMatchObject({ code: "ssrf_blocked" });
    expect(err.options.transient).toBeFalsy();
  });

  it("follows CNAME chains: a private target or an internal alias is refused", async () => {
    await records({
      "www.example.com": { CNAME: "lb.example.net" },
      "lb.example.net": { A: ["10.20.30.40"] },
      "db.example.com": { CNAME: "db.internal" },
      "db.internal": { A: ["203.0.114.1"] },
    });
    expect((await refusal(check("https://www.example.com/"))).message).toBe("Calls to www.example.com are refused: it resolves to 10.20.30.40, a private address.");
    expect((await refusal(check("https://db.example.com/"))).message).toBe("Calls to db.example.com are refused: it is an alias of db.internal, an internal name.");
  });

  it("refuses a name that does not exist or has no address, permanently", async () => {
    await records({ "mail-only.example.com": { A: [] } });
    const missing = await refusal(check("https://no-such-host.example.com/"));
    expect(missing.message).toBe("no-such-host.example.com does not exist in DNS (NXDOMAIN). Check the address.");
    expect(missing.options).toMatchObject({ code: "host_not_found" });
    expect(missing.options.transient).toBeFalsy();
    expect((await refusal(check("https://mail-only.example.com/"))).options.code).toBe("host_not_found");
  });

  it("does not look up IP literals, and does not resolve at all where private networks are allowed", async () => {
    await records({ "ten.example.com": { A: ["10.1.2.3"] } });
    const resolve = freshResolver();
    expect((await assertPublicDestination("https://8.8.8.8/", { resolve })).hostname).toBe("8.8.8.8");
    expect((await assertPublicDestination("https://[2606:4700::1111]/", { resolve })).hostname).toBe("[2606:4700::1111]");
    expect((await assertPublicDestination("https://ten.example.com/", { resolve, allowPrivateNetwork: true })).hostname).toBe("ten.example.com");
    expect(await queries()).toEqual([]);
  });
});

describe("wildcard DNS names", () => {
  it.each([
    ["127.0.0.1.nip.io", "a wildcard DNS name (nip.io) for 127.0.0.1, a loopback address"],
    ["app.10.0.0.1.nip.io", "a wildcard DNS name (nip.io) for 10.0.0.1, a private address"],
    ["app-0a000001.nip.io", "a wildcard DNS name (nip.io) for 10.0.0.1, a private address"],
    ["10-0-0-1.sslip.io", "a wildcard DNS name (sslip.io) for 10.0.0.1, a private address"],
    ["--1.sslip.io", "a wildcard DNS name (sslip.io) for ::1, a loopback address"],
    ["my-app.192-168-1-9.traefik.me", "a wildcard DNS name (traefik.me) for 192.168.1.9, a private address"],
    ["8.8.8.8.nip.io", "a wildcard DNS name (nip.io) that answers with whatever address its name holds; call the address itself"],
    ["app.localtest.me", "a wildcard DNS name (localtest.me) for the local machine"],
    ["lvh.me", "a wildcard DNS name (lvh.me) for the local machine"],
    ["api.LOCALHOST.direct", "a wildcard DNS name (localhost.direct) for the local machine"],
  ])("refuses %s without a lookup", async (host, reason) => {
    const err = await refusal(check(`http://${host}/`));
    expect(err.message).toBe(`Calls to ${host.toLowerCase()} are refused: it is ${reason}.`);
    expect(err.options.code).toBe("ssrf_blocked");
    expect(await queries()).toEqual([]);
  });
});

describe("when the resolver cannot answer", () => {
  it("refuses the call as a transient failure (fail closed): resolver down, too slow, or SERVFAIL", async () => {
    await records({ "api.example.com": { A: ["93.184.216.34"] }, "broken.example.com": { status: "SERVFAIL" } });
    await inject({ host: "dns.fake", kind: "status", status: 503, count: 2 });
    const down = await refusal(check("https://api.example.com/"));
    expect(down.message).toBe("Could not check where api.example.com points: the DNS resolver answered HTTP 503. Nothing was sent to api.example.com.");
    expect(down.options).toMatchObject({ code: "dns_unavailable", transient: true });

    await inject({ host: "dns.fake", kind: "hang", hangMs: 2_000, count: 2 });
    const slow = await refusal(check("https://api.example.com/", freshResolver(200)));
    expect(slow.message).toMatch(/the DNS resolver did not answer within 0.2 s/);
    expect(slow.options).toMatchObject({ code: "dns_unavailable", transient: true });

    const servfail = await refusal(check("https://broken.example.com/"));
    expect(servfail.message).toBe("DNS could not resolve broken.example.com right now (SERVFAIL). Nothing was sent.");
    expect(servfail.options).toMatchObject({ code: "dns_unavailable", transient: true });

    // Once the resolver answers again, so does the guard: failures were not cached.
    expect((await check("https://api.example.com/")).hostname).toBe("api.example.com");
  });

  it("sends nothing to the service while the resolver is down", async () => {
    const sent: string[] = [];
    const http = createHttpClient({ resolve: freshResolver(), fetch: async (url) => (sent.push(url), Response.json({})) });
    await inject({ host: "dns.fake", kind: "status", status: 502, count: 2 });
    const err = await refusal(http.request({ method: "POST", url: "https://api.example.com/orders", json: { a: 1 } }));
    expect(err.options.code).toBe("dns_unavailable");
    expect(sent).toEqual([]);
  });
});

describe("answers are cached per isolate for their TTL", () => {
  it("asks once within the TTL, again after it, and never caches a TTL of 0", { timeout: 10_000 }, async () => {
    await records({ "cached.example.com": { A: ["93.184.216.34"], TTL: 1 }, "rebind.example.com": { A: ["93.184.216.34"], TTL: 0 } });
    const resolve = freshResolver();
    await check("https://cached.example.com/", resolve);
    await check("https://cached.example.com/other", resolve);
    expect(await queries()).toHaveLength(2); // A and AAAA, once
    await new Promise((done) => setTimeout(done, 1_100));
    await records({ "cached.example.com": { A: ["10.0.0.9"], TTL: 1 } });
    expect((await refusal(check("https://cached.example.com/", resolve))).message).toMatch(/resolves to 10.0.0.9/);

    await check("https://rebind.example.com/", resolve);
    await records({ "rebind.example.com": { A: ["127.0.0.1"], TTL: 0 } });
    expect((await refusal(check("https://rebind.example.com/", resolve))).message).toMatch(/resolves to 127.0.0.1/);
  });
});

describe("the HTTP helper resolves every hop", () => {
  it("refuses a redirect to a name that resolves to a private address, before following it", async () => {
    await records({ "api.example.com": { A: ["93.184.216.34"] }, "internal-admin.example.com": { A: ["192.168.10.2"] } });
    const sent: string[] = [];
    const http = createHttpClient({
      resolve: freshResolver(),
      fetch: async (url) => {
        sent.push(url);
        return new Response(null, { status: 302, headers: { location: "https://internal-admin.example.com/delete-all" } });
      },
    });
    const err = await refusal(http.request({ method: "GET", url: "https://api.example.com/start" }));
    expect(err.message).toBe("Calls to internal-admin.example.com are refused: it resolves to 192.168.10.2, a private address.");
    expect(err.options.code).toBe("ssrf_blocked");
    expect(sent).toEqual(["https://api.example.com/start"]);
  });
});
