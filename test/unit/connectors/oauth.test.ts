// Bearer calls with refresh: before the call when expired, once on a 401, stored at once.
import { describe, expect, it } from "vitest";
import { toBase64Url } from "../../../worker/bytes/base64url";
import { BearerSession, jwtExpiry } from "../../../worker/connectors/oauth";
import { ConnectorError, type HttpRequest, type HttpResponse } from "../../../worker/connectors/types";

const jwt = (claims: object) => `${toBase64Url('{"alg":"none"}')}.${toBase64Url(JSON.stringify(claims))}.sig`;

function fakeHttp(valid: Set<string>) {
  const seen: string[] = [];
  return {
    seen,
    http: {
      async request(req: HttpRequest): Promise<HttpResponse> {
        const token = req.headers?.authorization?.replace("Bearer ", "") ?? "";
        seen.push(token);
        return { status: valid.has(token) ? 200 : 401, headers: new Headers(), body: undefined, url: req.url };
      },
    },
  };
}

describe("BearerSession", () => {
  it("refreshes an expired token before calling, and stores the rotated refresh token", async () => {
    const { http, seen } = fakeHttp(new Set(["new"]));
    const stored: Array<Record<string, string>> = [];
    const session = new BearerSession({
      service: "amoCRM",
      http,
      accessToken: "old",
      expiresAt: Date.now() - 1000,
      refresh: async () => ({ access_token: "new", expires_in: 86400, refresh_token: "r2" }),
      store: { update: async (f) => void stored.push(f) },
    });
    expect((await session.request({ method: "GET", url: "https://x.ru/" })).status).toBe(200);
    expect(seen).toEqual(["new"]);
    expect(stored).toEqual([{ access_token: "new", refresh_token: "r2", expires_at: expect.stringMatching(/^\d{10}$/) }]);
  });

  it("under the store's lock, takes a live token another run stored instead of refreshing", async () => {
    const { http, seen } = fakeHttp(new Set(["theirs"]));
    const refreshed: unknown[] = [];
    const session = new BearerSession({
      service: "amoCRM",
      http,
      accessToken: "old",
      expiresAt: 1,
      refresh: async (latest) => (refreshed.push(latest), { access_token: "mine" }),
      store: {
        update: async () => expect.unreachable("nothing to store"),
        exclusive: (fn) => fn({ access_token: "theirs", expires_at: String(Math.floor(Date.now() / 1000) + 3600), refresh_token: "r-theirs" }),
      },
    });
    expect((await session.request({ method: "GET", url: "https://x.ru/" })).status).toBe(200);
    expect([seen, refreshed]).toEqual([["theirs"], []]);
  });

  it("under the store's lock, refreshes with the refresh token as stored now when the stored token is its own", async () => {
    const { http } = fakeHttp(new Set(["new"]));
    const stored: Array<Record<string, string>> = [];
    let usedRefreshToken: unknown;
    const session = new BearerSession({
      service: "amoCRM",
      http,
      accessToken: "old",
      refresh: async (latest) => ((usedRefreshToken = latest?.refresh_token), { access_token: "new", refresh_token: "r3" }),
      store: { update: async (f) => void stored.push(f), exclusive: (fn) => fn({ access_token: "old", refresh_token: "r2" }) },
    });
    expect((await session.request({ method: "GET", url: "https://x.ru/" })).status).toBe(200);
    expect(usedRefreshToken).toBe("r2");
    expect(stored).toEqual([{ access_token: "new", refresh_token: "r3" }]);
  });

  it("on a 401 refreshes once and retries once", async () => {
    const { http, seen } = fakeHttp(new Set());
    let refreshes = 0;
    const session = new BearerSession({ service: "Google", http, accessToken: "a0", refresh: async () => ({ access_token: `a${++refreshes}` }) });
    expect((await session.request({ method: "GET", url: "https://x.ru/" })).status).toBe(401);
    expect(seen).toEqual(["a0", "a1"]);
    expect(refreshes).toBe(1);
  });

  it("does not refresh a second time when the token it just got is refused", async () => {
    const { http, seen } = fakeHttp(new Set());
    let refreshes = 0;
    const session = new BearerSession({ service: "x", http, accessToken: "old", expiresAt: 1, refresh: async () => ({ access_token: `new${++refreshes}` }) });
    expect((await session.request({ method: "GET", url: "https://x.ru/" })).status).toBe(401);
    expect([refreshes, seen]).toEqual([1, ["new1"]]);
  });

  it("one refresh serves concurrent calls", async () => {
    const { http } = fakeHttp(new Set(["fresh"]));
    let refreshes = 0;
    const session = new BearerSession({ service: "x", http, refresh: async () => (refreshes++, { access_token: "fresh" }) });
    await Promise.all([session.request({ method: "GET", url: "https://x.ru/1" }), session.request({ method: "GET", url: "https://x.ru/2" })]);
    expect(refreshes).toBe(1);
  });

  it("says when a long-lived token (a JWT) has expired and cannot be refreshed", async () => {
    const token = jwt({ exp: Math.floor(Date.UTC(2025, 4, 1) / 1000) });
    expect(jwtExpiry(token)).toBe(Date.UTC(2025, 4, 1));
    const session = new BearerSession({ service: "amoCRM", http: fakeHttp(new Set()).http, accessToken: token });
    const err = await session.request({ method: "GET", url: "https://x.ru/" }).catch((e) => e);
    expect(err).toBeInstanceOf(ConnectorError);
    expect(err.message).toBe("The amoCRM access token expired on 2025-05-01. Create a new one and update the connection.");
    expect(err.options.code).toBe("auth_expired");
  });
});
