// Starts the whole product (`node scripts/start.ts`) on a free port with a fresh state
// directory, waits for /api/v1/health, and stops the process group afterwards. Shared by the
// browser tests (test/e2e/support/server.ts) and the benchmarks (bench/run.ts).
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { nodeBinary, root } from "./run.ts";
import { freePort, startServerProcess } from "./server-process.ts";

export interface RunningSvyazka {
  url: string;
  /** The start script's process id; wrangler and workerd run in its process group. */
  pid: number;
  /** Where its local D1, Durable Objects, Queue and R2 keep their state. */
  stateDir: string;
  stop(): Promise<void>;
}

/**
 * `vars`: extra Worker vars (e.g. METER: "true" for the scale bench), on top of wrangler.toml's;
 * `skipBuild`: reuse web/build when a previous start built it.
 */
export async function startSvyazka(options: { tempPrefix?: string; vars?: Record<string, string>; skipBuild?: boolean } = {}): Promise<RunningSvyazka> {
  const port = await freePort();
  const stateDir = await mkdtemp(path.join(tmpdir(), options.tempPrefix ?? "svyazka-"));
  const url = `http://127.0.0.1:${port}`;
  // vitest sets NODE_ENV=test; the product under test runs as it would for a user
  const { NODE_ENV: _testEnv, ...env } = process.env;
  const server = await startServerProcess({
    name: "scripts/start.ts",
    command: nodeBinary(),
    args: ["scripts/start.ts"],
    cwd: root,
    env: {
      ...env,
      PORT: String(port),
      SVYAZKA_STATE_DIR: stateDir,
      ...(options.skipBuild ? { SVYAZKA_SKIP_BUILD: "1" } : {}),
      SVYAZKA_VARS: Object.entries(options.vars ?? {}).map(([name, value]) => `${name}:${value}`).join(" "),
    },
    ready: async () => (await fetch(`${url}/api/v1/health`)).status === 200,
    timeoutMs: 120_000,
    cleanUp: () => rm(stateDir, { recursive: true, force: true }),
  });
  return { url, pid: server.child.pid!, stateDir, stop: server.stop };
}
