// The connections page words the OAuth callback's error codes itself: a known code gets its
// message in both languages, anything else the general one (never the text of the link).
import { describe, expect, it } from "vitest";
import { OAUTH_ERROR_CODES } from "../../../worker/connections/oauth-error-codes.ts";
import { oauthErrorKey } from "../../../web/src/lib/components/connections/oauth-error.ts";
import { connectionsEn } from "../../../web/src/lib/i18n/connections.en.ts";
import { connectionsRu } from "../../../web/src/lib/i18n/connections.ru.ts";

describe("oauth_error on the connections page", () => {
  it("maps each known code to a message in English and Russian", () => {
    for (const code of OAUTH_ERROR_CODES) {
      const key = oauthErrorKey(code) as keyof typeof connectionsEn;
      expect(key).toBe(`connections.oauth_error.${code}`);
      expect(connectionsEn[key]).toMatch(/^Could not connect/);
      expect(connectionsRu[key]).toMatch(/^Не удалось подключить/);
    }
  });

  it("shows the general message for anything else", () => {
    for (const text of ["Call us at evil.example", "", "constructor", "expired "]) expect(oauthErrorKey(text)).toBe("connections.oauth_error.unknown");
  });
});
