import { describe, expect, it } from "vitest";
import { buildMime, encodeHeaderText, formatAddress, splitAddresses } from "../../../worker/connectors/gmail/mime";
import { decodeWords, parseMessage } from "../../fakes/gmail";

describe("RFC 2047 header text", () => {
  it.each(["Hello", "Заявка", "Заявка с сайта: очень длинная тема письма, которая не влезает в одно слово 🚀", "混合 mixed текст"])("%s round-trips, each word at most 75 characters", (text) => {
    const encoded = encodeHeaderText(text);
    expect(decodeWords(encoded.replace(/\r\n /g, " "))).toBe(text);
    for (const word of encoded.split("\r\n ")) expect(word.length).toBeLessThanOrEqual(75);
  });

  it("leaves ASCII alone and never lets CR/LF through", () => {
    expect(encodeHeaderText("Order 42")).toBe("Order 42");
    expect(encodeHeaderText("a\r\nBcc: x@y.z")).toBe("a Bcc: x@y.z");
  });
});

describe("addresses", () => {
  it("encodes non-ASCII display names and quotes ASCII ones", () => {
    expect(formatAddress("ivan@x.ru")).toBe("ivan@x.ru");
    expect(decodeWords(formatAddress("Иван <ivan@x.ru>"))).toBe("Иван <ivan@x.ru>");
    expect(formatAddress('Shop, Inc <s@x.ru>')).toBe('"Shop, Inc" <s@x.ru>');
  });

  it("splits lists on commas and semicolons, not inside quotes", () => {
    expect(splitAddresses('a@x.ru; "Doe, John" <j@x.ru>, b@x.ru')).toEqual(["a@x.ru", '"Doe, John" <j@x.ru>', "b@x.ru"]);
    expect(splitAddresses(undefined)).toEqual([]);
  });
});

describe("buildMime", () => {
  it("writes one text part with CRLF line ends, base64 body wrapped at 76", () => {
    const mime = buildMime({ to: ["a@x.ru"], subject: "Тема", text: "строка\n".repeat(40) });
    expect(mime).not.toMatch(/[^\r]\n/);
    expect(mime).toContain('Content-Type: text/plain; charset="UTF-8"\r\nContent-Transfer-Encoding: base64\r\n\r\n');
    const body = mime.split("\r\n\r\n")[1].split("\r\n");
    expect(body.every((line) => line.length <= 76)).toBe(true);
    expect(parseMessage(mime).text).toBe("строка\r\n".repeat(40).replace(/\r\n$/, "\r\n"));
  });

  it("writes multipart/alternative for text plus HTML", () => {
    const parsed = parseMessage(buildMime({ to: ["a@x.ru"], subject: "s", text: "t", html: "<p>h</p>" }, "BOUNDARY"));
    expect(parsed.headers["content-type"]).toBe('multipart/alternative; boundary="BOUNDARY"');
    expect([parsed.text, parsed.html]).toEqual(["t", "<p>h</p>"]);
  });
});
