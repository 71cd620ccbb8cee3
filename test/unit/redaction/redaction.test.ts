// The one redaction of secrets: the key pattern, the mask, and how JSON, text, headers and
// URLs are redacted. Each log path has its own test that it goes through these.
import { describe, expect, it } from "vitest";
import { redactHeaders } from "../../../worker/redaction/headers";
import { redactJson, secretsUnderKeys } from "../../../worker/redaction/json";
import { REDACTED } from "../../../worker/redaction/mask";
import { isSecretName, isSecretQueryName } from "../../../worker/redaction/secret-names";
import { redactErrorText, redactText } from "../../../worker/redaction/text";
import { redactUrl } from "../../../worker/redaction/url";

describe("secret names", () => {
  it.each([
    "password", "pass", "client_secret", "access_token", "refresh_token", "Authorization", "Proxy-Authorization",
    "api_key", "apiKey", "x-api-key", "private_key", "Cookie", "set-cookie", "credentials",
    "session", "session_id", "X-Hub-Signature-256", "signature",
  ])("%s is secret", (name) => {
    expect(isSecretName(name)).toBe(true);
    expect(isSecretQueryName(name)).toBe(true);
  });

  it.each(["name", "email", "phone", "code", "state", "key", "author", "status", "comment"])("%s is data in JSON", (name) => {
    expect(isSecretName(name)).toBe(false);
  });

  it("takes the short credential names of a query string as secret only there", () => {
    for (const name of ["code", "state", "key", "sig", "hash", "auth"]) expect(isSecretQueryName(name)).toBe(true);
    for (const name of ["q", "page", "keyword", "statement"]) expect(isSecretQueryName(name)).toBe(false);
  });
});

describe("redactJson", () => {
  it("masks connection secrets wherever they appear, and every value under a secret-looking key", () => {
    const logged = redactJson(
      {
        url: "https://api.telegram.org/bot123:ABCsecret/sendMessage",
        headers: { Authorization: "Bearer xyz" },
        nested: [{ password: "p" }],
        session: { id: "sess-1", user: "u-2" },
        signature: "sig-3",
        text: "hi",
        count: 3,
        empty: null,
      },
      ["123:ABCsecret"],
    );
    expect(logged).toEqual({
      url: `https://api.telegram.org/bot${REDACTED}/sendMessage`,
      headers: { Authorization: REDACTED },
      nested: [{ password: REDACTED }],
      session: { id: REDACTED, user: REDACTED },
      signature: REDACTED,
      text: "hi",
      count: 3,
      empty: null,
    });
  });

  it("leaves the value it is given unchanged, and an empty secret value empty", () => {
    const value = { token: "t", deep: { text: "a secret-1 b" } };
    expect(redactJson(value, ["secret-1"])).toEqual({ token: REDACTED, deep: { text: `a ${REDACTED} b` } });
    expect(value).toEqual({ token: "t", deep: { text: "a secret-1 b" } });
    expect(redactJson({ token: "" })).toEqual({ token: "" });
  });

  it("ignores secret values shorter than 4 characters, which would mask ordinary words", () => {
    expect(redactJson({ text: "a cat sat" }, ["at", "cat"])).toEqual({ text: "a cat sat" });
  });

  it("names the values under secret-looking keys as secrets, however deep", () => {
    const trigger = { name: "Ann", $query: { token: "t-1", tokens: ["t-2", { v: "t-3" }] }, form: { password: "p-4" }, session_id: "s-5" };
    expect(redactJson(trigger)).toEqual({ name: "Ann", $query: { token: REDACTED, tokens: [REDACTED, { v: REDACTED }] }, form: { password: REDACTED }, session_id: REDACTED });
    expect(secretsUnderKeys(trigger)).toEqual(["t-1", "t-2", "t-3", "p-4", "s-5"]);
  });
});

describe("redactText and redactErrorText", () => {
  it("masks every occurrence of each secret", () => {
    expect(redactText("token abcd1234 and again abcd1234", ["abcd1234"])).toBe(`token ${REDACTED} and again ${REDACTED}`);
    expect(redactText("Привет, секрет-ключ", ["секрет-ключ"])).toBe(`Привет, ${REDACTED}`);
  });

  it("masks a failed query's params line as well as the secrets", () => {
    const text = "Failed query: select 1\nparams: tok_1,Ivan\n    at x (sk_live_99)";
    expect(redactErrorText(text, ["sk_live_99"])).toBe(`Failed query: select 1\nparams: ${REDACTED}\n    at x (${REDACTED})`);
  });
});

describe("redactHeaders", () => {
  it("masks secret-looking headers and the ones named, keeps the others", () => {
    const headers = new Headers({ Authorization: "Bearer x", "X-Auth-Token": "k", "X-Session": "s", "X-Hub-Signature": "h", "Content-Type": "application/json" });
    expect(redactHeaders(headers, ["X-Auth-Token"])).toEqual({
      authorization: REDACTED,
      "content-type": "application/json",
      "x-auth-token": REDACTED,
      "x-hub-signature": REDACTED,
      "x-session": REDACTED,
    });
  });
});

describe("redactUrl", () => {
  it.each([
    ["https://x.ru/a?key=1&q=2&client_secret=3&apikey=4", `https://x.ru/a?key=${REDACTED}&q=2&client_secret=${REDACTED}&apikey=${REDACTED}`],
    ["https://x.ru/cb?code=abc&state=xyz&session=s&signature=g", `https://x.ru/cb?code=${REDACTED}&state=${REDACTED}&session=${REDACTED}&signature=${REDACTED}`],
    ["https://user:pass@x.ru/", `https://${REDACTED}@x.ru/`],
    ["https://api.telegram.org/bot123:AAH/getMe", `https://api.telegram.org/bot${REDACTED}/getMe`],
    ["not a url /bot123:AAH/getMe", `not a url /bot${REDACTED}/getMe`],
    ["https://x.ru/?query=Иван", "https://x.ru/?query=Иван"],
  ])("redactUrl(%s)", (url, expected) => {
    expect(redactUrl(url)).toBe(expected);
  });
});
