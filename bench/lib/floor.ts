// The end-to-end bench's floor (bench/floor/): a bare Worker making a run's hops, served by its
// own `wrangler dev` on this machine, so the engine's overhead can be read against what the
// local runtime costs for the same hops in the same run.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { nodeBinary, root, wrangler } from "../../scripts/lib/run.ts";
import { freePort, startServerProcess } from "../../scripts/lib/server-process.ts";

export interface Floor {
  /** Sends one run and returns how long it took, from sending to its finish as the Worker stamped it. */
  run(paceMs: number): Promise<number>;
  stop(): Promise<void>;
}

export async function startFloor(): Promise<Floor> {
  const port = await freePort();
  const stateDir = await mkdtemp(path.join(tmpdir(), "svyazka-floor-"));
  const url = `http://127.0.0.1:${port}`;
  const finishedAt = async (id: string): Promise<number | null> => ((await (await fetch(`${url}/?id=${id}`)).json()) as { finished_at: number | null }).finished_at;
  const server = await startServerProcess({
    name: "the floor Worker",
    command: nodeBinary(),
    args: [wrangler, "dev", "--config", "bench/floor/wrangler.toml", "--port", String(port), "--ip", "127.0.0.1", "--persist-to", stateDir, "--show-interactive-dev-session=false"],
    cwd: root,
    env: { ...process.env, CLOUDFLARE_CF_FETCH_ENABLED: "false", WRANGLER_SEND_METRICS: "false" },
    ready: async () => (await finishedAt("warm-up")) === null, // a run never sent: it answers from its ledger
    timeoutMs: 60_000,
    cleanUp: () => rm(stateDir, { recursive: true, force: true }),
  });

  return {
    async run(paceMs) {
      const id = crypto.randomUUID();
      const sent = Date.now();
      const answer = await fetch(`${url}/?id=${id}`, { method: "POST" });
      if (answer.status !== 202) throw new Error(`the floor Worker answered ${answer.status}`);
      // Asked only once the pace has passed, as Svyazka's runs are (bench/lib/runs.ts).
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, sent + paceMs - Date.now())));
      for (let tries = 0; tries < 1000; tries++) {
        const finished = await finishedAt(id);
        if (finished !== null) return finished - sent;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      throw new Error("a floor run did not finish within 20 s");
    },
    stop: server.stop,
  };
}
