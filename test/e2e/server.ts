// Vitest global setup for the browser tests: one running product (scripts/lib/svyazka-server.ts)
// for the whole run; tests read its address with inject("baseUrl").
import type { TestProject } from "vitest/node";
import { startSvyazka } from "../../scripts/lib/svyazka-server.ts";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const server = await startSvyazka({ tempPrefix: "svyazka-e2e-" });
  project.provide("baseUrl", server.url);
  return () => server.stop();
}
