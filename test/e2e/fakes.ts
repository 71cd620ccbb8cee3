// The test doubles on free local ports for the browser tests: connections made in the
// dashboard point their base URL at them (the product runs with ALLOW_PRIVATE_NETWORK).
import { doubles } from "../fakes/index.ts";
import { serveDouble } from "../fakes/serve.ts";

export async function startFakes() {
  const served = await Promise.all(Object.entries(doubles).map(async ([host, app]) => ({ host, ...(await serveDouble(app, 0)) })));
  return {
    origins: Object.fromEntries(served.map((s) => [s.host, s.url])),
    stop: () => Promise.all(served.map((s) => s.close())),
  };
}
