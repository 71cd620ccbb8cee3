// Dashboard: the gzipped JavaScript a first visit downloads (sign-up page until the bundle
// list shows), and how long the runs page takes to show its first page of a workspace with
// 10,000 runs (seeded straight into the local D1) and then the next page, in headless Chromium.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { root, wrangler } from "../scripts/lib/run.ts";
import { launchBrowser } from "../test/e2e/browser.ts";
import { PASSWORD, signUp, uniqueEmail } from "../test/e2e/user-flows.ts";
import { Api } from "./lib/api.ts";
import type { BenchContext } from "./lib/context.ts";
import { round } from "./lib/stats.ts";
import type { Row } from "./lib/table.ts";

const BENCH = "Dashboard";
const RUNS = 10_000;
const RUNS_PAGE = path.join(root, "web/src/routes/w/[ws]/runs/+page.svelte");

export async function dashboard(ctx: BenchContext): Promise<Row[]> {
  const browser = await launchBrowser();
  try {
    const { page } = browser;
    // The browser tests' 15 s waits are for correctness; on a busy machine a slow page is a figure, not a failure.
    page.setDefaultTimeout(180_000);
    const gzipped: Array<Promise<number>> = [];
    page.on("response", (res) => {
      if (res.request().resourceType() === "script") gzipped.push(res.body().then((body) => gzipSync(body).length, () => 0));
    });
    const email = uniqueEmail("bench");
    const workspaceId = await signUp(page, ctx.svyazka.url, { email, workspace: "Bench dashboard" });
    await page.waitForLoadState("networkidle");
    const sizes = await Promise.all(gzipped);
    const kb = sizes.reduce((a, b) => a + b, 0) / 1024;
    const rows: Row[] = [
      { bench: BENCH, metric: "JS of the first visit (sign-up → bundle list), gzipped", value: `${round(kb)} KB`, note: `${sizes.length} files; target < 150 KB: ${kb < 150 ? "met" : "missed"}` },
    ];
    if (!existsSync(RUNS_PAGE)) {
      rows.push({ bench: BENCH, metric: `runs page with ${RUNS.toLocaleString("en-US")} runs`, value: "not measured", note: "runs page missing (web/src/routes/w/[ws]/runs)" });
      return rows;
    }
    const login = await fetch(`${ctx.svyazka.url}/api/v1/auth/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email, password: PASSWORD }) });
    const api = new Api(ctx.svyazka.url, ((await login.json()) as { token: string }).token, workspaceId);
    const { id: bundleId } = await api.ws<{ id: string }>("POST", "/bundles", {
      format: "bundle/1",
      name: "Seeded runs",
      trigger: { id: "go", app: "manual", event: "run" },
      steps: [{ id: "done", kind: "stop" }],
    });
    await seedRuns(ctx.svyazka.stateDir, workspaceId, bundleId);

    const t0 = Date.now();
    await page.goto(`${ctx.svyazka.url}/w/${workspaceId}/runs`);
    const rowsOnPage = page.locator("tbody tr");
    await rowsOnPage.first().waitFor();
    const firstPageMs = Date.now() - t0;
    const shown = await rowsOnPage.count();
    const firstText = await rowsOnPage.first().innerText();
    const next = page.getByRole("button", { name: /next|older|more/i }).or(page.getByRole("link", { name: /next|older|more/i })).first();
    const t1 = Date.now();
    await next.click();
    await page.waitForFunction(
      ([first, count]) => {
        const trs = document.querySelectorAll("tbody tr");
        return trs.length > count || (trs.length > 0 && (trs[0] as HTMLElement).innerText !== first);
      },
      [firstText, shown] as const,
    );
    const nextPageMs = Date.now() - t1;
    rows.push(
      { bench: BENCH, metric: `runs page, ${RUNS.toLocaleString("en-US")} runs: navigation → first rows visible`, value: `${round(firstPageMs)} ms`, note: `${shown} rows on the first page` },
      { bench: BENCH, metric: "runs page: next page → its rows visible", value: `${round(nextPageMs)} ms` },
    );
    return rows;
  } finally {
    await browser.close();
  }
}

/** Writes the runs with `wrangler d1 execute --local` into the running product's database. */
async function seedRuns(stateDir: string, workspaceId: string, bundleId: string) {
  const dir = await mkdtemp(path.join(tmpdir(), "svyazka-bench-seed-"));
  try {
    const now = Date.now();
    const statements: string[] = [];
    // 200 rows a statement: D1 refuses statements over 100 KB (SQLITE_TOOBIG).
    for (let from = 0; from < RUNS; from += 200) {
      const values = Array.from({ length: Math.min(200, RUNS - from) }, (_, k) => {
        const i = from + k;
        const created = now - i * 60_000;
        const status = i % 17 === 0 ? "failed" : "success";
        const error = status === "failed" ? "'amoCRM answered 400'" : "NULL";
        return `('bench-${bundleId}-${i}','${workspaceId}','${bundleId}',1,'${status}','seed-${i}','{"n":${i}}',${error},${created},${created},${created + 1500})`;
      });
      statements.push(`INSERT INTO run (id, workspace_id, bundle_id, bundle_version, status, event_key, "trigger", error, created_at, started_at, finished_at) VALUES\n${values.join(",\n")};`);
    }
    const file = path.join(dir, "seed.sql");
    await writeFile(file, statements.join("\n"));
    const result = spawnSync(process.execPath, [wrangler, "d1", "execute", "DB", "--local", "--persist-to", stateDir, "--file", file], {
      cwd: root,
      encoding: "utf8",
      env: { ...process.env, CI: "true", WRANGLER_SEND_METRICS: "false" },
    });
    if (result.status !== 0) throw new Error(`seeding runs failed: ${(result.stderr || result.stdout).slice(-300)}`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
