// Every outbound fetch made by Worker code under test lands here (miniflare's
// `outboundService`, running in vitest's Node process) and goes to the double for its host:
// `<app>.fake` or `<anything>.<app>.fake` (amoCRM accounts are subdomains). Other hosts pass
// through to the real fetch unchanged, as if there were no outbound service.
import type { Hono } from "hono";
import { amocrmFake } from "./amocrm.ts";
import { dnsFake } from "./dns.ts";
import { echoFake } from "./echo.ts";
import { faultControl, withFaults } from "./faults.ts";
import { gmailFake } from "./gmail.ts";
import { googleOAuthFake } from "./google-oauth.ts";
import { keepincrmFake } from "./keepincrm.ts";
import { sheetsFake } from "./sheets.ts";
import { telegramFake } from "./telegram.ts";

/** Host under `.fake` → the double; scripts/fakes.ts serves the same table on local ports. */
export const doubles: Record<string, Hono<any, any, any>> = {
  "amocrm.fake": amocrmFake,
  "keepincrm.fake": keepincrmFake,
  "sheets.fake": sheetsFake,
  "oauth2.fake": googleOAuthFake,
  "telegram.fake": telegramFake,
  "gmail.fake": gmailFake,
  "dns.fake": dnsFake,
  "echo.fake": echoFake,
};

export function doubleFor(hostname: string): Hono<any, any, any> | undefined {
  const host = hostname.toLowerCase();
  const name = Object.keys(doubles).find((d) => host === d || host.endsWith(`.${d}`));
  return name ? doubles[name] : undefined;
}

export async function routeToFakes(request: Request): Promise<Response> {
  const double = doubleFor(new URL(request.url).hostname);
  return (await faultControl(request)) ?? withFaults(request, (r) => (double ? double.fetch(r) : fetch(r)));
}
