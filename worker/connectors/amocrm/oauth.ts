// Connecting amoCRM with OAuth 2.0 (authorization code). The user creates an external
// integration in amoCRM with our callback as its redirect URI and gives its ID and secret; we
// send them to amoCRM's consent page, where they pick the account. amoCRM redirects back with
// `code`, `state` and `referer` (the chosen account's host), and the code is traded at
// `POST <account>/oauth2/access_token` within 20 minutes. [unc] The consent page is
// www.amocrm.ru/oauth (Kommo: www.kommo.com/oauth); a base_url on another host (a test double)
// serves it at <base_url>/oauth.
import { errorDetail } from "../http-client";
import { exchangedGrant, grantFields } from "../oauth";
import { ConnectorError, type OAuthFlow } from "../types";
import { amoBaseUrl, AMO_REQUESTS_PER_SECOND } from "./client";

/** Hosts amoCRM may name in `referer`: the token exchange (which carries the client secret) goes only there. */
const ACCOUNT_HOST = /^[a-z0-9][a-z0-9-]*\.(amocrm\.ru|amocrm\.com|kommo\.com)$/i;

const CONSENT_DOMAINS = ["amocrm.ru", "amocrm.com", "kommo.com"];

function consentOrigin(fields: Record<string, string>): string {
  const base = new URL(fields.base_url || fields.subdomain ? amoBaseUrl(fields) : "https://www.amocrm.ru");
  const domain = CONSENT_DOMAINS.find((d) => base.hostname === d || base.hostname.endsWith(`.${d}`));
  return domain ? `https://www.${domain}` : base.origin;
}

/** The account the user chose: the one they named, else amoCRM's `referer`. */
function accountBase(fields: Record<string, string>, callback: URLSearchParams): string {
  if (fields.base_url || fields.subdomain) return amoBaseUrl(fields);
  const referer = callback.get("referer") ?? "";
  if (!ACCOUNT_HOST.test(referer)) {
    const message = { en: "amoCRM did not say which account was connected. Give the account's subdomain and connect again.", ru: "amoCRM не сообщил, какой аккаунт подключён. Укажите поддомен аккаунта и подключите снова." };
    throw new ConnectorError(message, { code: "connection_invalid" });
  }
  return `https://${referer.toLowerCase()}`;
}

export const amoOAuth: OAuthFlow = {
  fields: ["subdomain", "base_url", "client_id", "client_secret"],
  required: ["client_id", "client_secret"],
  authorizeUrl(fields, { state }) {
    const url = new URL("/oauth", consentOrigin(fields));
    url.search = new URLSearchParams({ client_id: fields.client_id, state, mode: "post_message" }).toString();
    return url.toString();
  },
  async exchange({ http, fields, code, redirectUri, callback }) {
    const base = accountBase(fields, callback);
    const res = await http.request({
      method: "POST",
      url: `${base}/oauth2/access_token`,
      json: { client_id: fields.client_id, client_secret: fields.client_secret, grant_type: "authorization_code", code, redirect_uri: redirectUri },
      service: "amoCRM",
      rateLimit: { key: `amocrm:${new URL(base).host}`, perSecond: AMO_REQUESTS_PER_SECOND },
    });
    const grant = exchangedGrant("amoCRM", res, errorDetail(res.body), { en: "the integration ID, secret and redirect URI", ru: "ID интеграции, секретный ключ и адрес перенаправления" });
    return {
      ...(fields.base_url || fields.subdomain ? {} : { base_url: base }),
      ...grantFields(grant),
      redirect_uri: redirectUri,
    };
  },
};
