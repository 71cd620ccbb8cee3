// Vitest global setup for the browser tests: one running product (scripts/lib/svyazka-server.ts)
// and the test doubles on free ports for the whole run; tests read their addresses with
// inject("baseUrl") and inject("fakes").
import type { TestProject } from "vitest/node";
import { startSvyazka } from "../../scripts/lib/svyazka-server.ts";
import { startFakes } from "./fakes";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    /** Host of each double (`telegram.fake`) → its base URL on this machine. */
    fakes: Record<string, string>;
  }
}

export default async function setup(project: TestProject) {
  const fakes = await startFakes();
  const server = await startSvyazka({ tempPrefix: "svyazka-e2e-" });
  project.provide("baseUrl", server.url);
  project.provide("fakes", fakes.origins);
  return async () => {
    await server.stop();
    await fakes.stop();
  };
}
