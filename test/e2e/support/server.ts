// Vitest global setup for the browser tests: one running product (scripts/lib/svyazka-server.ts)
// and the test doubles on free ports for the whole run; tests read their addresses with
// inject("baseUrl") and inject("fakes"). It makes no data: each test file signs up its own
// users, so any file can run alone.
import type { TestProject } from "vitest/node";
import { serveDoubles } from "../../../scripts/lib/serve-doubles.ts";
import { startSvyazka } from "../../../scripts/lib/svyazka-server.ts";
import { doubles } from "../../fakes/index.ts";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    /** Host of each double (`telegram.fake`) → its base URL on this machine. Connections made in
     * the dashboard point their base URL there (the product runs with ALLOW_PRIVATE_NETWORK). */
    fakes: Record<string, string>;
  }
}

export default async function setup(project: TestProject) {
  const fakes = await serveDoubles(Object.fromEntries(Object.keys(doubles).map((host) => [host, 0])));
  const server = await startSvyazka({ tempPrefix: "svyazka-e2e-" });
  project.provide("baseUrl", server.url);
  project.provide("fakes", fakes.urls);
  return async () => {
    await server.stop();
    await fakes.close();
  };
}
