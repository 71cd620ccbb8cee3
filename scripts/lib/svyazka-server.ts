// Starts the whole product (`node scripts/start.ts`) on a free port with a fresh state
// directory, waits for /api/v1/health, and stops the process group afterwards. Shared by the
// browser tests (test/e2e/support/server.ts) and the benchmarks (bench/run.ts).
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { root, stopProcessGroup } from "./run.ts";

const STARTUP_TIMEOUT_MS = 120_000;

export interface RunningSvyazka {
  url: string;
  /** The start script's process id; wrangler and workerd run in its process group. */
  pid: number;
  /** Where its local D1, Durable Objects, Queue and R2 keep their state. */
  stateDir: string;
  /** Everything the start script printed so far, for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

/** A TCP port nobody listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

/** Node 24 from the `node` devDependency (the machine's default node may be older). */
export function nodeBinary(): string {
  const local = path.join(root, "node_modules", ".bin", "node");
  return existsSync(local) ? local : process.execPath;
}

/**
 * `vars`: extra Worker vars (e.g. METER: "true" for the scale bench), on top of wrangler.toml's;
 * `skipBuild`: reuse web/build when a previous start built it.
 */
export async function startSvyazka(options: { tempPrefix?: string; vars?: Record<string, string>; skipBuild?: boolean } = {}): Promise<RunningSvyazka> {
  const port = await freePort();
  const stateDir = await mkdtemp(path.join(tmpdir(), options.tempPrefix ?? "svyazka-"));
  const url = `http://127.0.0.1:${port}`;
  let log = "";

  // vitest sets NODE_ENV=test; the product under test runs as it would for a user
  const { NODE_ENV: _testEnv, ...env } = process.env;
  const child: ChildProcess = spawn(nodeBinary(), ["scripts/start.ts"], {
    cwd: root,
    env: {
      ...env,
      PORT: String(port),
      SVYAZKA_STATE_DIR: stateDir,
      ...(options.skipBuild ? { SVYAZKA_SKIP_BUILD: "1" } : {}),
      SVYAZKA_VARS: Object.entries(options.vars ?? {}).map(([name, value]) => `${name}:${value}`).join(" "),
    },
    detached: true, // its own process group, so stop() also ends wrangler/workerd under it
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (chunk) => (log += chunk));
  child.stderr?.on("data", (chunk) => (log += chunk));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));

  async function stop() {
    await stopProcessGroup(child);
    await rm(stateDir, { recursive: true, force: true });
  }

  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  let stillRunning = true;
  void exited.then(() => (stillRunning = false));
  while (Date.now() < deadline) {
    if (!stillRunning) {
      await stop();
      throw new Error(`scripts/start.ts exited (code ${child.exitCode}) before answering /api/v1/health:\n${log}`);
    }
    try {
      const response = await fetch(`${url}/api/v1/health`);
      if (response.status === 200) return { url, pid: child.pid!, stateDir, output: () => log, stop };
    } catch {
      // not listening yet
    }
    await sleep(500);
  }
  await stop();
  throw new Error(`Svyazka did not answer /api/v1/health within ${STARTUP_TIMEOUT_MS / 1000} s:\n${log}`);
}

function sleep(ms: number) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
