// n8n on the same machine, for comparison: installed from npm into the git-ignored
// bench/.n8n/ (its own package.json, outside our lockfile), with a workflow of a Webhook node
// and one Set node imported and published through its CLI, then the same autocannon load as
// the ingest bench. Skipped with --skip-n8n; when it cannot be installed or started, the
// table says why.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { nodeBinary, root } from "../scripts/lib/run.ts";
import { freePort, startServerProcess } from "../scripts/lib/server-process.ts";
import type { BenchContext } from "./lib/context.ts";
import { warmThenLoad } from "./lib/load.ts";
import { sampleTreeRss } from "./lib/rss.ts";
import { round } from "./lib/stats.ts";
import type { Row } from "./lib/table.ts";
import { failures, latency } from "./ingest.ts";

const BENCH = "n8n comparison";
const N8N_VERSION = "2.40.7";
const DIR = path.join(root, "bench/.n8n");
const BIN = path.join(DIR, "node_modules/n8n/bin/n8n");
/** Written once install and rebuild both succeeded, so a half-finished install is redone. */
const INSTALLED = path.join(DIR, `installed-${N8N_VERSION}`);
/** Native modules n8n needs to start; the rest (Kafka, …) are only for nodes we do not use. */
const NATIVE = ["sqlite3"];

export async function n8n(ctx: BenchContext): Promise<Row[]> {
  if (ctx.options.skipN8n) return [{ bench: BENCH, metric: "—", value: "not measured", note: "skipped (--skip-n8n)" }];
  const installMs = install();
  const home = await mkdtemp(path.join(tmpdir(), "svyazka-bench-n8n-"));
  const port = await freePort();
  const env = {
    ...process.env,
    PATH: `${path.join(root, "node_modules/.bin")}:${process.env.PATH}`,
    N8N_USER_FOLDER: home,
    N8N_PORT: String(port),
    N8N_RUNNERS_BROKER_PORT: String(await freePort()),
    N8N_LISTEN_ADDRESS: "127.0.0.1",
    N8N_HOST: "127.0.0.1",
    N8N_DIAGNOSTICS_ENABLED: "false",
    N8N_VERSION_NOTIFICATIONS_ENABLED: "false",
    N8N_TEMPLATES_ENABLED: "false",
    N8N_PERSONALIZATION_ENABLED: "false",
    N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: "false",
  };
  try {
    const file = path.join(home, "workflow.json");
    await writeFile(file, JSON.stringify(WORKFLOW));
    cli(["import:workflow", `--input=${file}`], env);
    cli(["publish:workflow", `--id=${WORKFLOW.id}`], env);

    const base = `http://127.0.0.1:${port}`;
    const hook = `${base}/webhook/${WEBHOOK_PATH}`;
    const server = await startServerProcess({
      name: "n8n",
      command: nodeBinary(),
      args: [BIN, "start"],
      cwd: home,
      env,
      // n8n answers /healthz before it has registered the published workflows' webhooks
      ready: async () => (await fetch(hook, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" })).ok,
      timeoutMs: 300_000,
      pollMs: 1000,
    });
    try {
      const { connections, requests } = ctx.options;
      const rss = sampleTreeRss(server.child.pid!);
      const baseline = await warmThenLoad({ url: `${base}/healthz`, connections, requests });
      const hooks = await warmThenLoad({ url: hook, method: "POST", body: { name: "Anna", phone: "+7 912 345-67-89" }, connections, requests });
      const peak = rss.stop();
      const ours = ctx.shared.ingestRps;
      return [
        { bench: BENCH, metric: `n8n ${N8N_VERSION} GET /healthz, ${requests} requests over ${connections} connections`, value: `${round(baseline.measured.rps)} req/s`, note: [latency(baseline.measured), failures(baseline.measured)].filter(Boolean).join("; ") },
        { bench: BENCH, metric: `n8n webhook → Set node, same load`, value: `${round(hooks.measured.rps)} req/s`, note: [latency(hooks.measured), failures(hooks.measured)].filter(Boolean).join("; ") },
        { bench: BENCH, metric: "Svyazka webhook ingest / n8n webhook", value: ours === undefined ? "n/a" : round(ours / hooks.measured.rps), note: ours === undefined ? "run the ingest bench in the same run" : "same load, same machine, same run" },
        { bench: BENCH, metric: "peak RSS of n8n during its load", value: peak === undefined ? "n/a" : `${round(peak / 2 ** 20)} MiB`, note: installMs === undefined ? "already installed" : `installed in ${round(installMs / 1000)} s` },
      ];
    } finally {
      await server.stop(); // n8n and its task runner
    }
  } finally {
    await rm(home, { recursive: true, force: true });
  }
}

/** Installs n8n into bench/.n8n unless it is there; returns the milliseconds it took, or undefined. */
function install(): number | undefined {
  if (existsSync(INSTALLED)) return undefined;
  const started = Date.now();
  mkdirSync(DIR, { recursive: true });
  const pkg = {
    name: "svyazka-bench-n8n",
    private: true,
    description: "n8n for npm run bench (bench/n8n.ts installs it; git-ignored)",
    dependencies: { n8n: N8N_VERSION },
    overrides: { xlsx: "0.18.5" },
  };
  writeFileSync(path.join(DIR, "package.json"), `${JSON.stringify(pkg, null, 2)}\n`);
  // Install scripts off: several of n8n's optional native modules (Kafka's librdkafka) fetch
  // prebuilt binaries from GitHub and cannot be built here; only what n8n needs is rebuilt.
  npm(["install", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"]);
  npm(["rebuild", ...NATIVE]);
  writeFileSync(INSTALLED, new Date().toISOString());
  return Date.now() - started;
}

function npm(args: string[]) {
  const result = spawnSync("npm", args, {
    cwd: DIR,
    encoding: "utf8",
    // npm and the build scripts it runs use the Node 24 from our node_modules (n8n needs ≥ 24)
    env: { ...process.env, PATH: `${path.join(root, "node_modules/.bin")}:${process.env.PATH}` },
  });
  if (result.status !== 0) throw new Error(`npm ${args[0]} in bench/.n8n failed: ${lastLines(result.stderr || result.stdout)}`);
}

function cli(args: string[], env: NodeJS.ProcessEnv) {
  const result = spawnSync(nodeBinary(), [BIN, ...args], { env, encoding: "utf8", timeout: 180_000 });
  if (result.status !== 0) throw new Error(`n8n ${args[0]} failed: ${lastLines(result.stderr || result.stdout)}`);
}

const lastLines = (text: string) => text.trim().split("\n").filter((l) => !l.startsWith("npm warn")).slice(-3).join(" / ").slice(0, 400);

const WEBHOOK_PATH = "svyazka-bench";
const WORKFLOW = {
  id: "svyazkaBench0001",
  name: "Svyazka bench: webhook → Set",
  active: false,
  settings: { executionOrder: "v1" },
  nodes: [
    {
      id: "6f1f3a52-6f2c-4d7e-9a3b-1c2d3e4f5a61",
      name: "Webhook",
      type: "n8n-nodes-base.webhook",
      typeVersion: 2,
      position: [0, 0],
      webhookId: "2b9c7d4e-8a1f-4c3b-9e2d-7f6a5b4c3d21",
      parameters: { httpMethod: "POST", path: WEBHOOK_PATH, responseMode: "onReceived", options: {} },
    },
    {
      id: "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c62",
      name: "Set",
      type: "n8n-nodes-base.set",
      typeVersion: 3.4,
      position: [220, 0],
      parameters: {
        assignments: { assignments: [{ id: "a1", name: "name", value: "={{ $json.body.name }}", type: "string" }] },
        options: {},
      },
    },
  ],
  connections: { Webhook: { main: [[{ node: "Set", type: "main", index: 0 }]] } },
  pinData: {},
};
