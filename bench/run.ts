// npm run bench: starts the real local product (scripts/start.ts) and the test doubles over
// HTTP, runs each benchmark in turn, and prints one Markdown table. A slow figure never fails
// the bench; it exits non-zero only when it could not run at all. Flags: --only=a,b
// --requests=10000 --connections=50 --rows=10000 --runs=2000 --workspaces=200 --skip-n8n.
// Results: docs/benchmarks.md (the scale simulation: docs/scale.md).
import { cpus, totalmem } from "node:os";
import { parseArgs } from "node:util";
import { serveDoubles } from "../scripts/lib/serve-doubles.ts";
import { startSvyazka } from "../scripts/lib/svyazka-server.ts";
import type { BenchContext } from "./lib/context.ts";
import { markdownTable, type Row } from "./lib/table.ts";
import { dashboard } from "./dashboard.ts";
import { dedup } from "./dedup.ts";
import { endToEnd } from "./end-to-end.ts";
import { ingest } from "./ingest.ts";
import { n8n } from "./n8n.ts";
import { scale } from "./scale.ts";
import { sheetSync } from "./sheet-sync.ts";

/** In this order: n8n last, so its install and load do not disturb Svyazka's figures. */
const BENCHES: Record<string, (ctx: BenchContext) => Promise<Row[]>> = {
  ingest,
  e2e: endToEnd,
  dedup,
  sheets: sheetSync,
  dashboard,
  scale,
  n8n,
};

const { values } = parseArgs({
  options: {
    only: { type: "string" },
    requests: { type: "string", default: "10000" },
    connections: { type: "string", default: "50" },
    rows: { type: "string", default: "10000" },
    runs: { type: "string", default: "2000" },
    workspaces: { type: "string", default: "200" },
    "skip-n8n": { type: "boolean", default: false },
  },
});
const selected = values.only ? values.only.split(",") : Object.keys(BENCHES);
const unknown = selected.filter((name) => !BENCHES[name]);
if (unknown.length) {
  console.error(`Unknown bench ${unknown.join(", ")}; choose from ${Object.keys(BENCHES).join(", ")}.`);
  process.exit(2);
}

const started = new Date();
console.error("• Starting the doubles and Svyazka (builds the dashboard first)…");
const doubles = await serveDoubles(Object.fromEntries(["amocrm.fake", "sheets.fake", "oauth2.fake", "telegram.fake"].map((host) => [host, 0])));
let svyazka;
try {
  // The benches start tens of thousands of runs in one workspace: above the default monthly quota (10,000).
  svyazka = await startSvyazka({ tempPrefix: "svyazka-bench-", vars: { QUOTA_RUNS_PER_MONTH: "10000000" } });
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  await doubles.close();
  process.exit(1);
}
const ctx: BenchContext = {
  svyazka,
  doubles,
  options: {
    requests: Number(values.requests),
    connections: Number(values.connections),
    sheetRows: Number(values.rows),
    scaleRuns: Number(values.runs),
    scaleWorkspaces: Number(values.workspaces),
    skipN8n: values["skip-n8n"],
  },
  shared: {},
};

const rows: Row[] = [];
try {
  for (const name of selected) {
    console.error(`• ${name}…`);
    const t0 = Date.now();
    try {
      rows.push(...(await BENCHES[name](ctx)));
    } catch (err) {
      rows.push({ bench: name, metric: "—", value: "not measured", note: `failed: ${(err instanceof Error ? err.message : String(err)).split("\n")[0]}` });
    }
    console.error(`  done in ${Math.round((Date.now() - t0) / 1000)} s`);
  }
} finally {
  await svyazka.stop();
  await doubles.close();
}

console.log(`Svyazka bench — ${started.toISOString()} — ${cpus().length} × ${cpus()[0]?.model ?? "CPU"}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}\n`);
console.log(markdownTable(rows));
