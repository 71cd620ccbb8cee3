// npm run fakes: serves every test double (test/fakes/) on its own localhost port, so a local
// `npm start` can connect to fake amoCRM, KeepinCRM, Google, Telegram and Gmail accounts.
// The Worker must allow private addresses (ALLOW_PRIVATE_NETWORK=true, as `npm start` sets).
// Each double keeps its state in memory; GET <base>/__admin/state shows it.
import { doubles } from "../test/fakes/index.ts";
import { serveDoubles } from "./lib/serve-doubles.ts";

const PORTS: Record<string, number> = {
  "amocrm.fake": 8901,
  "keepincrm.fake": 8902,
  "sheets.fake": 8903,
  "oauth2.fake": 8904,
  "telegram.fake": 8905,
  "gmail.fake": 8906,
  "vk.fake": 8907,
  "dns.fake": 8908,
  "echo.fake": 8909,
};

/** What to put in a connection to use each double. */
const HINTS: Record<string, (base: string) => string> = {
  "amocrm.fake": (base) => `amocrm      base_url=${base}  access_token=test-token`,
  "keepincrm.fake": (base) => `keepincrm   base_url=${base}  api_key=test-key`,
  "sheets.fake": (base) => `google_sheets base_url=${base}  service_account_json=<POST http://localhost:${PORTS["oauth2.fake"]}/__admin/service-account>`,
  "oauth2.fake": (base) => `google token URL ${base}/token  (service accounts: POST ${base}/__admin/service-account; refresh tokens: POST ${base}/__admin/refresh-token)`,
  "telegram.fake": (base) => `telegram    base_url=${base}  bot_token=123456:TEST-token_abc`,
  "echo.fake": (base) => `http        any URL under ${base}: answers with the method, path and query it received (GET ${base}/nested?levels=10000: a list nested that deep)`,
  "gmail.fake": (base) => `gmail       base_url=${base}  token_url=http://localhost:${PORTS["oauth2.fake"]}/token  refresh_token/client_id/client_secret from POST .../__admin/refresh-token`,
};

for (const host of Object.keys(doubles)) if (!PORTS[host]) console.warn(`no port for ${host}: add it to PORTS in scripts/fakes.ts`);
const { urls } = await serveDoubles(PORTS);
for (const [host, origin] of Object.entries(urls)) console.log(`${host.padEnd(15)} ${origin}   ${HINTS[host]?.(origin) ?? ""}`);
