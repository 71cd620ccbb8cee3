// Unit and integration tests run inside workerd (@cloudflare/vitest-plugin) with the real
// bindings from wrangler.toml: D1 (migrations applied in test/setup.ts), Durable Objects,
// Queues, R2, scheduled(). Outside services are the doubles in test/fakes/, reached at
// http://<app>.fake. Browser tests have their own config in test/e2e/.
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";
import { routeToFakes } from "./test/fakes/index.ts";

const migrations = await readD1Migrations(fileURLToPath(new URL("./db/migrations", import.meta.url)));

export default defineConfig({
  plugins: [
    cloudflareTest({
      wrangler: { configPath: "./wrangler.toml" },
      miniflare: {
        // Outbound fetch from the Worker to http://<app>.fake lands in the doubles, in this Node process.
        outboundService: routeToFakes,
        bindings: {
          TEST_MIGRATIONS: migrations,
          BETTER_AUTH_SECRET: "test-secret-that-is-long-enough-0123456789",
          ENCRYPTION_KEY: "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=",
          PUBLIC_URL: "http://localhost",
          ALLOW_PRIVATE_NETWORK: "true",
        },
      },
    }),
  ],
  test: {
    include: ["test/unit/**/*.test.ts", "test/integration/**/*.test.ts"],
    setupFiles: ["./test/setup.ts"],
    // FUZZ_SEED=<n> repeats a fuzz test's inputs (test/fuzz/random.ts); FUZZ_CASES=<n> changes
    // how many cases the OpenAPI fuzz sends each operation (fuzz-openapi.test.ts).
    env: { FUZZ_SEED: process.env.FUZZ_SEED ?? "", FUZZ_CASES: process.env.FUZZ_CASES ?? "" },
    // The doubles are shared by every file (one Node process); knobs such as the amoCRM search
    // lag must not leak into a file running at the same time.
    fileParallelism: false,
    // Runs go through the real queue, ledgers and D1: on a busy two-core machine a test that takes 2 s idle
    // can take 6. These limits only stop hangs; speed is measured in bench/, not here.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Every finished run writes an info line for Workers Logs (worker/observability/): in test
    // output it would bury what matters; warnings and errors still show.
    onConsoleLog: (log, type) => !(type === "stdout" && log.startsWith('{"level":"info"')),
  },
});
