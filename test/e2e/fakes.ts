// The test doubles on free local ports for the browser tests: connections made in the
// dashboard point their base URL at them (the product runs with ALLOW_PRIVATE_NETWORK).
import { serveDoubles } from "../../scripts/lib/serve-doubles.ts";
import { doubles } from "../fakes/index.ts";

export async function startFakes() {
  const served = await serveDoubles(Object.fromEntries(Object.keys(doubles).map((host) => [host, 0])));
  return { origins: served.urls, stop: () => served.close() };
}
