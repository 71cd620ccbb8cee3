// Types of the test runtime: the Worker's bindings plus the migrations the config passes in.
// The main module's exports (for `exports.default.fetch`) and its Durable Object names are
// declared by the generated worker-configuration.d.ts.
import type { D1Migration } from "cloudflare:test";
import type { Env as WorkerEnv } from "../worker/env";

declare global {
  namespace Cloudflare {
    interface Env extends WorkerEnv {
      TEST_MIGRATIONS: D1Migration[];
    }
  }
}
