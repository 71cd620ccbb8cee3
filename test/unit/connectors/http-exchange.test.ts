// The HTTP helper's `exchange` hook ("test this step" shows it): the same redacted URL as the
// log line, secret headers masked, bodies as the connector gave them, and every exchange seen,
// also one that got no answer.
import { describe, expect, it } from "vitest";
import { createHttpClient, type HttpExchange } from "../../../worker/connectors/http-client";

function setup(handler: (req: Request) => Response) {
  const exchanges: HttpExchange[] = [];
  const lines: string[] = [];
  const http = createHttpClient({
    allowPrivateNetwork: true,
    fetch: async (url, init) => handler(new Request(url, init)),
    log: (line) => lines.push(line.en),
    exchange: (e) => exchanges.push(e),
  });
  return { http, exchanges, lines };
}

describe("exchange hook", () => {
  it("masks Authorization, cookies and the request's secret headers, and redacts the URL like the log", async () => {
    const { http, exchanges, lines } = setup(() => Response.json({ ok: true, result: { id: 5 } }, { status: 201 }));
    await http.request({
      method: "POST",
      url: "https://api.example.com/bot123:abc/send?api_key=k-1&page=2",
      headers: { authorization: "Bearer t0k3n", "x-api-key": "secret-1", cookie: "s=1", "x-trace": "visible" },
      secretHeaders: ["X-Api-Key"],
      json: { text: "hi" },
    });
    expect(exchanges).toEqual([
      {
        request: {
          method: "POST",
          url: "https://api.example.com/bot••••/send?api_key=••••&page=2",
          headers: { authorization: "••••", "x-api-key": "••••", cookie: "••••", "x-trace": "visible", "content-type": "application/json" },
          body: { text: "hi" },
        },
        response: { status: 201, body: { ok: true, result: { id: 5 } } },
      },
    ]);
    expect(lines[0]).toContain("https://api.example.com/bot••••/send?api_key=••••&page=2");
    expect(JSON.stringify(exchanges)).not.toMatch(/t0k3n|secret-1|123:abc|k-1/);
  });

  it("reports a form body as its fields, a bodiless GET as null, and a failed call with no response", async () => {
    let fail = false;
    const { http, exchanges } = setup(() => {
      if (fail) throw new TypeError("connection refused");
      return new Response("plain", { status: 200, headers: { "content-type": "text/plain" } });
    });
    await http.request({ method: "POST", url: "https://forms.example.com/a", form: { name: "Anna" } });
    await http.request({ method: "GET", url: "https://forms.example.com/b" });
    fail = true;
    await http.request({ method: "GET", url: "https://forms.example.com/c" }).catch(() => undefined);
    expect(exchanges.map((e) => [e.request.body, e.response])).toEqual([
      [{ name: "Anna" }, { status: 200, body: "plain" }],
      [null, { status: 200, body: "plain" }],
      [null, null],
    ]);
  });
});
