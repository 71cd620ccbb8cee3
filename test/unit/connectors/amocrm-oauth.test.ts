// amoCRM's authorization-code flow: where the consent page is, and where the code (with the
// client secret) may be traded — never at a host amoCRM's `referer` names outside amoCRM.
import { describe, expect, it } from "vitest";
import { amoOAuth } from "../../../worker/connectors/amocrm/oauth";
import { ConnectorError, type HttpRequest } from "../../../worker/connectors/types";

const client = { client_id: "id-1", client_secret: "s3cret" };
const params = { state: "st", redirectUri: "https://svyazka.example/api/v1/oauth/callback" };

function exchangeVia(fields: Record<string, string>, query: string) {
  const sent: HttpRequest[] = [];
  const http = {
    async request(req: HttpRequest) {
      sent.push(req);
      return { status: 200, headers: new Headers(), url: req.url, body: { token_type: "Bearer", access_token: "a", refresh_token: "r", expires_in: 86400 } };
    },
  };
  return { sent, result: amoOAuth.exchange({ http, fields, code: "c0de", redirectUri: params.redirectUri, callback: new URLSearchParams(query) }) };
}

describe("amoCRM OAuth", () => {
  it("sends amoCRM and Kommo accounts to their consent pages, and a double to its own", () => {
    expect(amoOAuth.authorizeUrl(client, params)).toBe("https://www.amocrm.ru/oauth?client_id=id-1&state=st&mode=post_message");
    expect(amoOAuth.authorizeUrl({ ...client, subdomain: "shop" }, params)).toMatch(/^https:\/\/www\.amocrm\.ru\/oauth\?/);
    expect(amoOAuth.authorizeUrl({ ...client, base_url: "https://shop.kommo.com" }, params)).toMatch(/^https:\/\/www\.kommo\.com\/oauth\?/);
    expect(amoOAuth.authorizeUrl({ ...client, base_url: "http://acct.amocrm.fake/" }, params)).toMatch(/^http:\/\/acct\.amocrm\.fake\/oauth\?/);
  });

  it("trades the code at the account amoCRM names, and stores that account", async () => {
    const { sent, result } = exchangeVia(client, "code=c0de&state=st&referer=shop.amocrm.ru");
    expect(await result).toMatchObject({ base_url: "https://shop.amocrm.ru", access_token: "a", refresh_token: "r", redirect_uri: params.redirectUri });
    expect(sent[0].url).toBe("https://shop.amocrm.ru/oauth2/access_token");
    expect(sent[0].json).toMatchObject({ grant_type: "authorization_code", code: "c0de", client_secret: "s3cret", redirect_uri: params.redirectUri });
  });

  it("prefers the account the user gave over the referer", async () => {
    const { sent, result } = exchangeVia({ ...client, subdomain: "mine" }, "code=c0de&referer=other.amocrm.ru");
    expect(await result).not.toHaveProperty("base_url");
    expect(sent[0].url).toBe("https://mine.amocrm.ru/oauth2/access_token");
  });

  it("refuses a referer outside amoCRM and Kommo: the client secret goes nowhere", async () => {
    for (const referer of ["evil.example", "amocrm.ru.evil.example", "x.amocrm.ru/steal", ""]) {
      const { sent, result } = exchangeVia(client, `code=c0de&referer=${encodeURIComponent(referer)}`);
      await expect(result).rejects.toBeInstanceOf(ConnectorError);
      expect(sent).toEqual([]);
    }
  });
});
