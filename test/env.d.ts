// Types of the test runtime: the Worker's bindings plus the migrations the config passes in,
// and the main module's exports (for `exports.default.fetch`).
import type { D1Migration } from "cloudflare:test";
import type { Env as WorkerEnv } from "../worker/env";

declare global {
  namespace Cloudflare {
    interface Env extends WorkerEnv {
      TEST_MIGRATIONS: D1Migration[];
    }
    interface GlobalProps {
      mainModule: typeof import("../worker/index");
      durableNamespaces: "DedupLease";
    }
  }
}
