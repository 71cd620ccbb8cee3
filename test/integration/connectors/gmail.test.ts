// Gmail's send_email against the Gmail and Google OAuth doubles, through the real HTTP client
// and the global fetch: the message Gmail decodes, and the token refresh.
import { describe, expect, it } from "vitest";
import { gmail } from "../../../worker/connectors/gmail";
import { connectorError, harness, unique } from "./support";
import { admin } from "../support/fakes";

const GMAIL = "http://gmail.fake";
const OAUTH = "http://oauth2.fake";
const send = gmail.actions.send_email;

async function oauthConnection(scope?: string) {
  const client = await admin(OAUTH, "refresh-token", scope ? { scope } : {});
  return { refresh_token: client.refresh_token, client_id: client.client_id, client_secret: client.client_secret, token_url: `${OAUTH}/token`, base_url: GMAIL };
}

async function received(id: string) {
  return ((await admin(GMAIL, "state")).messages as any[]).find((m) => m.id === id);
}

describe("gmail send_email", () => {
  it("sends a correct RFC 2822 message: Cyrillic subject RFC 2047-encoded, base64url without padding, CRLF", async () => {
    const t = harness(await oauthConnection());
    const subject = `Заявка с сайта № ${unique()} — срочно, с длинной темой, чтобы слов было несколько`;
    const out = await t.run(send, { to: "Иван Петров <ivan@example.ru>, shop@example.com", subject, body: "Здравствуйте!\nНовая заявка." });
    const email = await received(out.id);
    expect(out.thread_id).toBe(email.threadId);
    expect(email.subject).toBe(subject);
    expect(email.rawHeaders.subject).toMatch(/^=\?UTF-8\?B\?[A-Za-z0-9+/=]+\?= =\?UTF-8\?B\?/);
    expect(email.rawHeaders.subject.split(" ").every((word: string) => word.length <= 75)).toBe(true);
    expect(email.headers.to).toBe('Иван Петров <ivan@example.ru>, shop@example.com');
    expect(email.text).toBe("Здравствуйте!\r\nНовая заявка.");
    expect(email.html).toBeUndefined();
    expect([email.padded, email.urlSafe, email.crlf]).toEqual([false, true, true]);
    expect(email.headers["mime-version"]).toBe("1.0");
  });

  it("sends text and HTML as multipart/alternative, and the HTML alone when there is no text", async () => {
    const t = harness(await oauthConnection());
    const both = await received((await t.run(send, { to: "a@example.com", subject: "Hi", body: "plain", html: "<p>Привет</p>" })).id);
    expect(both.headers["content-type"]).toMatch(/^multipart\/alternative; boundary=/);
    expect([both.text, both.html]).toEqual(["plain", "<p>Привет</p>"]);
    const htmlOnly = await received((await t.run(send, { to: "a@example.com", subject: "Hi", body: "", html: "<b>x</b>" })).id);
    expect([htmlOnly.text, htmlOnly.html]).toEqual([undefined, "<b>x</b>"]);
  });

  it("keeps a template from injecting headers", async () => {
    const t = harness(await oauthConnection());
    const email = await received((await t.run(send, { to: "a@example.com", subject: "Hi\r\nBcc: spy@evil.example", body: "x" })).id);
    expect(email.headers.bcc).toBeUndefined();
    expect(email.subject).toBe("Hi Bcc: spy@evil.example");
  });

  it("gets an access token with the refresh token, stores it, and refreshes once on a 401", async () => {
    const connection = await oauthConnection();
    const t = harness(connection);
    await t.run(send, { to: "a@example.com", subject: "one", body: "x" });
    expect(t.stored).toEqual([{ access_token: expect.stringMatching(/^ya29\./), expires_at: expect.stringMatching(/^\d{10}$/) }]);

    const withToken = harness({ ...connection, ...t.stored[0] });
    await admin(OAUTH, "expire", { access_token: t.stored[0].access_token });
    await withToken.run(send, { to: "a@example.com", subject: "two", body: "x" });
    expect(withToken.log.map((l) => l.replace(/ in \d+ ms$/, ""))).toEqual([
      "POST http://gmail.fake/gmail/v1/users/me/messages/send → 401",
      "POST http://oauth2.fake/token → 200",
      "POST http://gmail.fake/gmail/v1/users/me/messages/send → 200",
    ]);
    expect(withToken.stored).toHaveLength(1);
  });

  it("says what to do when the token is refused and cannot be refreshed", async () => {
    const t = harness({ access_token: "ya29.revoked", base_url: GMAIL });
    const err = await connectorError(t.run(send, { to: "a@example.com", subject: "x", body: "x" }));
    expect(err.message).toMatch(/^Gmail rejected the access token: Request had invalid authentication credentials.*Reconnect the account\.$/);
    expect(err.options).toMatchObject({ status: 401, code: "auth_failed" });

    const revoked = harness({ refresh_token: "1//gone", client_id: "c", client_secret: "s", token_url: `${OAUTH}/token`, base_url: GMAIL });
    const refreshErr = await connectorError(revoked.run(send, { to: "a@example.com", subject: "x", body: "x" }));
    expect(refreshErr.message).toBe("Google refused to refresh the access token (HTTP 400: invalid_grant: Token has been expired or revoked.). Reconnect the account.");
  });

  it("connection test accepts a send-only token (the profile is refused with 403) and rejects a bad one", async () => {
    const ok = harness(await oauthConnection());
    await gmail.connection!.test({ connection: ok.connection, http: ok.http, store: ok.store });
    const bad = harness({ access_token: "nope", base_url: GMAIL });
    await expect(gmail.connection!.test({ connection: bad.connection, http: bad.http, store: bad.store })).rejects.toThrow(/rejected the access token/);
  });
});
