// Small process helpers shared by the scripts, the browser tests and the bench.
import { spawnSync, type ChildProcess, type SpawnSyncOptions } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const root = fileURLToPath(new URL("../..", import.meta.url));
export const wrangler = fileURLToPath(new URL("../../node_modules/wrangler/bin/wrangler.js", import.meta.url));

/** Node 24 from the `node` devDependency (the machine's default node may be older). */
export function nodeBinary(): string {
  const local = path.join(root, "node_modules", ".bin", "node");
  return existsSync(local) ? local : process.execPath;
}

/** Runs a command to completion with inherited output; exits the script when it fails. */
export function mustRun(command: string, args: string[], options: SpawnSyncOptions = {}): void {
  const result = spawnSync(command, args, { stdio: "inherit", cwd: root, ...options });
  if (result.status !== 0) {
    console.error(`\n✖ ${[command, ...args].join(" ")} failed (exit ${result.status ?? result.signal}).`);
    process.exit(result.status ?? 1);
  }
}

/** Runs a command and returns its stdout, or undefined when it fails. */
export function capture(command: string, args: string[]): string | undefined {
  const result = captureAll(command, args);
  return result.ok ? result.stdout : undefined;
}

/** Runs a command and returns whether it succeeded, with its stdout and stderr. */
export function captureAll(command: string, args: string[]): { ok: boolean; stdout: string; stderr: string } {
  const result = spawnSync(command, args, { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  return { ok: result.status === 0, stdout: result.stdout ?? "", stderr: result.stderr ?? "" };
}

/** Ends a child started with `detached: true` and everything in its process group: SIGTERM, then SIGKILL after `graceMs`. */
export async function stopProcessGroup(child: ChildProcess, graceMs = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || !child.pid) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, name);
    } catch {
      // already gone
    }
  };
  signal("SIGTERM");
  if (await Promise.race([exited.then(() => true), sleep(graceMs).then(() => false)])) return;
  signal("SIGKILL");
  await Promise.race([exited, sleep(2000)]);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
