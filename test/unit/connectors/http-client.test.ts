// The HTTP helper's guarantees, against an in-memory fetch.
import { describe, expect, it } from "vitest";
import { createHttpClient, MAX_RESPONSE_BYTES, retryAfterSeconds, type HttpClientOptions } from "../../../worker/connectors/http-client";
import { ConnectorError } from "../../../worker/connectors/types";

type Handler = (req: Request) => Response | Promise<Response>;

function setup(handler: Handler, options: Partial<HttpClientOptions> = {}) {
  const calls: Request[] = [];
  const lines: string[] = [];
  const sleeps: number[] = [];
  const http = createHttpClient({
    fetch: async (url, init) => {
      const req = new Request(url, init);
      calls.push(req.clone());
      return handler(req);
    },
    log: (line) => lines.push(line.en),
    sleep: async (ms) => void sleeps.push(ms),
    ...options,
  });
  return { http, calls, lines, sleeps };
}

const json = (body: unknown, status = 200, type = "application/json", headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": type, ...headers } });

async function rejection(promise: Promise<unknown>): Promise<ConnectorError> {
  try {
    await promise;
  } catch (err) {
    expect(err).toBeInstanceOf(ConnectorError);
    return err as ConnectorError;
  }
  throw new Error("expected a ConnectorError");
}

describe("bodies", () => {
  it("reads at most MAX_RESPONSE_BYTES of an answer: a longer one fails the call, declared or streamed", async () => {
    const over = MAX_RESPONSE_BYTES + 1;
    const declared = setup(() => new Response("{}", { headers: { "content-type": "application/json", "content-length": String(over) } }));
    // No length given: the stream is cut once it passes the limit.
    const streamed = setup(() => new Response(new Uint8Array(over).fill(0x20), { headers: { "content-type": "text/plain" } }));
    for (const { http, lines } of [declared, streamed]) {
      const err = await rejection(http.request({ method: "POST", url: "https://api.example.com/export", service: "Example" }));
      expect(err.options).toMatchObject({ code: "response_too_large", status: 200 });
      expect(err.options.transient).toBeFalsy();
      expect(err.message).toContain("Example answered HTTP 200 with more than 16 MiB");
      expect(lines).toEqual([expect.stringContaining("200, answer over 16 MiB not read")]);
    }
    const { http } = setup(() => new Response(`"${"a".repeat(MAX_RESPONSE_BYTES - 2)}"`, { headers: { "content-type": "application/json" } }));
    expect(((await http.request({ method: "GET", url: "https://api.example.com/export" })).body as string).length).toBe(MAX_RESPONSE_BYTES - 2);
  });

  it("sends JSON, parses JSON, hal+json and problem+json, and reads an empty body as undefined", async () => {
    const { http, calls } = setup(async (req) => {
      if (req.url.endsWith("/hal")) return json({ _embedded: {} }, 200, "application/hal+json");
      if (req.url.endsWith("/problem")) return json({ title: "Bad" }, 400, "application/problem+json");
      if (req.url.endsWith("/empty")) return new Response(null, { status: 204 });
      return json({ echo: await req.json() });
    });
    expect((await http.request({ method: "POST", url: "https://api.example.com/x", json: { a: "б" } })).body).toEqual({ echo: { a: "б" } });
    expect(calls[0].headers.get("content-type")).toBe("application/json");
    expect((await http.request({ method: "GET", url: "https://api.example.com/hal" })).body).toEqual({ _embedded: {} });
    const problem = await http.request({ method: "GET", url: "https://api.example.com/problem" });
    expect([problem.status, problem.body]).toEqual([400, { title: "Bad" }]);
    const empty = await http.request({ method: "GET", url: "https://api.example.com/empty" });
    expect([empty.status, empty.body]).toEqual([204, undefined]);
  });

  it("encodes forms and query strings (undefined left out, arrays repeated)", async () => {
    const { http, calls } = setup(() => new Response("plain text", { headers: { "content-type": "text/plain" } }));
    const res = await http.request({ method: "POST", url: "https://api.example.com/f?x=1", form: { a: "1 2", b: "я" }, query: { q: "с пробелом", skip: undefined, id: [1, 2] } });
    expect(res.body).toBe("plain text");
    expect(calls[0].headers.get("content-type")).toBe("application/x-www-form-urlencoded");
    expect(new TextDecoder().decode(await calls[0].arrayBuffer())).toBe("a=1+2&b=%D1%8F");
    const url = new URL(calls[0].url);
    expect([url.searchParams.get("x"), url.searchParams.get("q"), url.searchParams.getAll("id"), url.searchParams.has("skip")]).toEqual(["1", "с пробелом", ["1", "2"], false]);
  });
});

describe("SSRF guard", () => {
  it("refuses private addresses before any request is made", async () => {
    const { http, calls } = setup(() => json({}));
    const err = await rejection(http.request({ method: "GET", url: "http://0x7f.1/admin" }));
    expect(err.options).toMatchObject({ code: "ssrf_blocked" });
    expect(err.options.transient).toBeFalsy();
    expect(calls).toHaveLength(0);
  });

  it("allows them with allowPrivateNetwork (local development and tests)", async () => {
    const { http } = setup(() => json({ ok: true }), { allowPrivateNetwork: true });
    expect((await http.request({ method: "GET", url: "http://127.0.0.1:8901/" })).status).toBe(200);
  });

  it("follows redirects by hand, checking every Location", async () => {
    const { http, calls } = setup((req) => {
      const path = new URL(req.url).pathname;
      if (path === "/a") return new Response(null, { status: 302, headers: { location: "/b" } });
      if (path === "/b") return new Response(null, { status: 301, headers: { location: "https://other.example.org/c" } });
      if (path === "/c") return json({ auth: req.headers.get("authorization") });
      return new Response(null, { status: 307, headers: { location: "http://169.254.169.254/latest/meta-data/" } });
    });
    const res = await http.request({ method: "GET", url: "https://api.example.com/a", headers: { authorization: "Bearer s" } });
    expect(res.url).toBe("https://other.example.org/c");
    expect(res.body).toEqual({ auth: null }); // credentials are not carried to another origin
    expect(calls.map((c) => c.headers.get("authorization"))).toEqual(["Bearer s", "Bearer s", null]);
    const err = await rejection(http.request({ method: "GET", url: "https://api.example.com/evil" }));
    expect(err.options.code).toBe("ssrf_blocked");
  });

  it("turns POST into GET on 303, keeps it on 307, and gives up after 5 redirects", async () => {
    const { http, calls } = setup((req) => {
      const path = new URL(req.url).pathname;
      if (path === "/see-other") return new Response(null, { status: 303, headers: { location: "/done" } });
      if (path === "/temporary") return new Response(null, { status: 307, headers: { location: "/done" } });
      if (path === "/done") return json({ method: req.method });
      return new Response(null, { status: 302, headers: { location: "/loop" } });
    });
    expect((await http.request({ method: "POST", url: "https://api.example.com/see-other", json: {} })).body).toEqual({ method: "GET" });
    expect((await http.request({ method: "POST", url: "https://api.example.com/temporary", json: { a: 1 } })).body).toEqual({ method: "POST" });
    calls.length = 0;
    const err = await rejection(http.request({ method: "GET", url: "https://api.example.com/loop" }));
    expect(err.options.code).toBe("too_many_redirects");
    expect(calls).toHaveLength(6);
  });
});

describe("retries and transient failures", () => {
  it("retries a 429 inside the request when Retry-After is at most 2 s", async () => {
    let n = 0;
    const { http, sleeps } = setup(() => (++n === 1 ? json({}, 429, "application/json", { "retry-after": "2" }) : json({ ok: true })));
    expect((await http.request({ method: "GET", url: "https://api.example.com/" })).body).toEqual({ ok: true });
    expect(sleeps).toEqual([2000]);
  });

  it("hands a longer Retry-After back to the engine: transient, with the seconds", async () => {
    const { http, sleeps } = setup(() => json({ title: "Too many" }, 429, "application/problem+json", { "retry-after": "30" }));
    const err = await rejection(http.request({ method: "GET", url: "https://api.example.com/", service: "amoCRM" }));
    expect(err.options).toMatchObject({ transient: true, retryAfterSeconds: 30, status: 429, code: "rate_limited" });
    expect(err.message).toBe("amoCRM is limiting requests (HTTP 429). Retry after 30 s. Too many");
    expect(sleeps).toEqual([]);
  });

  it("reads the wait from the body when the service says so (Telegram's parameters.retry_after)", async () => {
    let n = 0;
    const { http, sleeps } = setup(() =>
      ++n <= 1 ? json({ ok: false, error_code: 429, description: "Too Many Requests: retry after 1", parameters: { retry_after: 1 } }, 429) : json({ ok: true }),
    );
    const retryAfterFrom = (r: { body: unknown }) => (r.body as any)?.parameters?.retry_after;
    expect((await http.request({ method: "POST", url: "https://api.example.com/", retryAfterFrom })).body).toEqual({ ok: true });
    expect(sleeps).toEqual([1000]);
  });

  it("stops retrying inline after two waits", async () => {
    const { http, calls } = setup(() => json({}, 503, "application/json", { "retry-after": "1" }));
    const err = await rejection(http.request({ method: "GET", url: "https://api.example.com/" }));
    expect(err.options).toMatchObject({ transient: true, retryAfterSeconds: 1, status: 503 });
    expect(calls).toHaveLength(3);
  });

  it("makes 5xx, network errors and timeouts transient", async () => {
    const failing = setup(() => json({ error: { code: 500, message: "Internal error encountered." } }, 500));
    const err500 = await rejection(failing.http.request({ method: "GET", url: "https://sheets.example.com/", service: "Google Sheets" }));
    expect(err500.message).toBe("Google Sheets failed with HTTP 500. Internal error encountered.");
    expect(err500.options).toMatchObject({ transient: true, status: 500 });

    const offline = setup(() => {
      throw new TypeError("Network connection lost.");
    });
    expect((await rejection(offline.http.request({ method: "GET", url: "https://api.example.com/" }))).options).toMatchObject({ transient: true, code: "network" });

    const slow = setup((req) => new Promise((_, reject) => req.signal.addEventListener("abort", () => reject(req.signal.reason))));
    const timeout = await rejection(slow.http.request({ method: "GET", url: "https://api.example.com/", timeoutMs: 20, service: "KeepinCRM" }));
    expect(timeout.options).toMatchObject({ transient: true, code: "timeout" });
    expect(timeout.message).toBe("KeepinCRM did not answer within 0.02 s.");
  });

  it("returns other 4xx to the connector to interpret", async () => {
    const { http } = setup(() => json({ message: "Not found" }, 404));
    expect((await http.request({ method: "GET", url: "https://api.example.com/" })).status).toBe(404);
  });
});

describe("rate limit and log", () => {
  it("sends nothing before beforeSend resolves (the limiter is asked first), and nothing when it rejects", async () => {
    const order: string[] = [];
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const { http, calls } = setup(() => (order.push("sent"), json({})), {
      limiter: { acquire: async () => void order.push("slot reserved") },
      beforeSend: () => gate,
    });
    const answer = http.request({ method: "GET", url: "https://api.example.com/x" });
    await new Promise((r) => setTimeout(r, 10));
    expect(order).toEqual(["slot reserved"]);
    release();
    await answer;
    expect(order).toEqual(["slot reserved", "sent"]);

    const refused = setup(() => json({}), { beforeSend: () => Promise.reject(new ConnectorError("run lost", { transient: true })) });
    await expect(refused.http.request({ method: "GET", url: "https://api.example.com/x" })).rejects.toThrow("run lost");
    expect(refused.calls).toHaveLength(0);
    expect(calls).toHaveLength(1);
  });

  it("asks the limiter before every request, with the request's key and rate", async () => {
    const acquired: Array<[string, number | undefined]> = [];
    const { http } = setup(() => json({}), { limiter: { acquire: async (key, rate) => void acquired.push([key, rate]) } });
    await http.request({ method: "GET", url: "https://acme.amocrm.ru/api/v4/account", rateLimit: { key: "amocrm:acme.amocrm.ru", perSecond: 7 } });
    await http.request({ method: "GET", url: "https://api.example.com/x" });
    expect(acquired).toEqual([
      ["amocrm:acme.amocrm.ru", 7],
      ["api.example.com", undefined],
    ]);
  });

  it("logs one redacted line per exchange: no tokens, no headers, no bodies", async () => {
    const { http, lines } = setup(() => json({ secret: "body-secret" }));
    await http.request({
      method: "POST",
      url: "https://api.telegram.org/bot123456:AAH-secret/sendMessage",
      query: { access_token: "tok", page: 2 },
      headers: { authorization: "Bearer header-secret", "x-auth-token": "k" },
      json: { text: "body-secret" },
    });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^POST https:\/\/api\.telegram\.org\/bot••••\/sendMessage\?access_token=••••&page=2 → 200 in \d+ ms$/);
    expect(lines.join()).not.toMatch(/secret|tok\b|Bearer/);
  });
});

describe("helpers", () => {
  it("reads Retry-After as seconds or a date", () => {
    expect(retryAfterSeconds("3")).toBe(3);
    expect(retryAfterSeconds(new Date(Date.UTC(2030, 0, 1, 0, 0, 10)).toUTCString(), Date.UTC(2030, 0, 1))).toBe(10);
    expect(retryAfterSeconds(null)).toBeUndefined();
    expect(retryAfterSeconds("soon")).toBeUndefined();
  });
});
