// Dashboard: the gzipped JavaScript a first visit downloads (sign-up page until the bundle
// list shows), and how long the runs page takes to show its first page of a workspace with
// 10,000 runs (made by 10,000 real webhook deliveries, so they sit in the workspace's run ledger
// as any runs do) and then the next page, in headless Chromium.
import { existsSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { root } from "../scripts/lib/run.ts";
import { launchBrowser } from "../test/e2e/support/browser.ts";
import { PASSWORD, signUp, uniqueEmail } from "../test/e2e/support/user-flows.ts";
import { Api } from "./lib/api.ts";
import type { BenchContext } from "./lib/context.ts";
import { load } from "./lib/load.ts";
import { waitForRuns } from "./lib/runs.ts";
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
    const seeded = await api.enabledBundle({
      name: "Seeded runs",
      trigger: { id: "hook", app: "webhook", event: "catch" },
      steps: [{ id: "done", kind: "stop", reason: "{{hook.n}}" }],
    });
    // 10,000 deliveries to one URL in well under a minute: above the default 100/s per URL.
    await api.ws("PATCH", "/settings", { hook_rate_per_second: 1000 });
    const sent = await load({ url: seeded.hookUrl, method: "POST", body: { n: 1 }, connections: 20, requests: RUNS });
    if (sent.ok !== RUNS) throw new Error(`seeding: ${sent.ok} of ${RUNS} deliveries accepted`);
    await waitForRuns(api, seeded.id, RUNS, 20 * 60_000, 2000);

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
