// Starts a server as a detached child (its own process group, so stopping it also ends what it
// spawned: wrangler's workerd, n8n's task runner), keeps its output for the message of a failed
// start and polls until it answers. Shared by the product's start for tests and benches
// (svyazka-server.ts), the bench's floor Worker and the n8n peer.
import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { stopProcessGroup } from "./run.ts";

export interface ServerProcess {
  child: ChildProcess;
  /** Ends its process group, then runs the caller's clean-up. */
  stop(): Promise<void>;
}

export interface ServerStart {
  /** Named in failure messages. */
  name: string;
  command: string;
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Resolves true once the server serves; a throw (not listening yet) counts as not yet. */
  ready(): Promise<boolean>;
  timeoutMs: number;
  pollMs?: number;
  /** Runs after the process group has ended, on stop() and on a failed start (e.g. removes its state directory). */
  cleanUp?(): Promise<void>;
}

export async function startServerProcess(start: ServerStart): Promise<ServerProcess> {
  let log = "";
  const child = spawn(start.command, start.args, { cwd: start.cwd, env: start.env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  child.stdout?.on("data", (chunk) => (log += chunk));
  child.stderr?.on("data", (chunk) => (log += chunk));

  const server: ServerProcess = {
    child,
    async stop() {
      await stopProcessGroup(child);
      await start.cleanUp?.();
    },
  };
  const deadline = Date.now() + start.timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      await server.stop();
      throw new Error(`${start.name} exited (code ${child.exitCode}) before it answered${lastWords(log)}\n${log}`);
    }
    if (await start.ready().catch(() => false)) return server;
    await new Promise((resolve) => setTimeout(resolve, start.pollMs ?? 500));
  }
  await server.stop();
  throw new Error(`${start.name} did not answer within ${start.timeoutMs / 1000} s${lastWords(log)}\n${log}`);
}

/** The output's last line, for the message's first line (the bench's table shows only that). */
function lastWords(log: string): string {
  const line = log.trim().split("\n").at(-1)?.trim();
  return line ? `: ${line.slice(0, 300)}` : "";
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
