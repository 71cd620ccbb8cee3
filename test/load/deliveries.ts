// Load held (issue 9, docs/reliability.md): starts the product as `npm start` runs it (the local
// default: wrangler dev, local D1, Durable Objects, Queue), then sends DELIVERIES webhook deliveries over
// CONCURRENCY parallel connections, spread over URLS bundles. Each bundle's one step POSTs
// the delivery's number to a counting double in this process. Passes when every delivery was
// answered 200 (429s are retried after Retry-After, as a real sender would), the API lists
// exactly one finished run per delivery, and the double saw each number exactly once. Runs
// that failed (e.g. the step timing out on an overloaded machine) are counted and reported:
// they still ran once. Auto-pause is off for the workspace so one slow patch cannot turn the
// URLs off mid-test.
// Run: npm run test:load   (DELIVERIES, CONCURRENCY, URLS override the defaults)
import { Hono } from "hono";
import { startSvyazka } from "../../scripts/lib/svyazka-server.ts";
import { serveDouble } from "../fakes/serve.ts";
import { isOpenRunStatus, OPEN_RUN_STATUSES } from "../../db/ledger/run-status.ts";

const DELIVERIES = Number(process.env.DELIVERIES ?? 2000);
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 50);
const URLS = Number(process.env.URLS ?? 10);
const FINISH_TIMEOUT_MS = 10 * 60_000;

/**
 * The counting double: POST /hit {n} → counts per n. Served like the other doubles (no
 * keep-alive: Node closing an idle pooled connection just as workerd reuses it is a failure of
 * the test's server, not of the product).
 */
async function startDouble() {
  const hits = new Map<number, number>();
  const app = new Hono().post("/hit", async (c) => {
    const n = Number(((await c.req.json().catch(() => ({}))) as { n?: unknown }).n);
    hits.set(n, (hits.get(n) ?? 0) + 1);
    return c.json({ ok: true });
  });
  const served = await serveDouble(app);
  return { url: `${served.url}/hit`, hits, close: () => served.close() };
}

async function api(base: string, token: string, method: string, path: string, body?: unknown) {
  const res = await fetch(`${base}/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await res.json().catch(() => undefined)) as any;
  if (res.status >= 300) throw new Error(`${method} ${path} → ${res.status} ${JSON.stringify(json)}`);
  return json;
}

/** Sends one delivery until it is accepted; returns how many 429s it met. */
async function deliver(url: string, n: number): Promise<number> {
  for (let throttled = 0; ; throttled++) {
    const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ n }) });
    const text = await res.text();
    if (res.status === 200) return throttled;
    if (res.status !== 429) throw new Error(`delivery ${n} → ${res.status} ${text}`);
    await new Promise((resolve) => setTimeout(resolve, Number(res.headers.get("retry-after") ?? 1) * 1000));
  }
}

async function countRuns(base: string, token: string, ws: string, bundleIds: string[]) {
  const statuses = new Map<string, number>();
  const errors = new Map<string, number>();
  for (const id of bundleIds) {
    let cursor: string | null = null;
    do {
      const page: { items: Array<{ status: string; error: string | null }>; next_cursor: string | null } = await api(base, token, "GET", `/w/${ws}/runs?bundle_id=${id}&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
      for (const run of page.items) {
        statuses.set(run.status, (statuses.get(run.status) ?? 0) + 1);
        // The error without the port and numbers, so alike failures group together.
        if (run.error) errors.set(run.error.replace(/\d+/g, "#"), (errors.get(run.error.replace(/\d+/g, "#")) ?? 0) + 1);
      }
      cursor = page.next_cursor;
    } while (cursor);
  }
  return { statuses, errors };
}

async function main() {
  const started = Date.now();
  const double = await startDouble();
  const product = await startSvyazka();
  const problems: string[] = [];
  try {
    const base = product.url;
    const email = `load-${Date.now()}@example.com`;
    const signup = await fetch(`${base}/api/v1/auth/signup`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email, password: "correct horse battery", workspace_name: "Load" }),
    });
    const { token, workspace_id: ws } = (await signup.json()) as { token: string; workspace_id: string };
    await api(base, token, "PATCH", `/w/${ws}/settings`, { pause_after_failures: 0 });
    const bundleIds: string[] = [];
    const hookUrls: string[] = [];
    for (let i = 0; i < URLS; i++) {
      const { id } = await api(base, token, "POST", `/w/${ws}/bundles`, {
        format: "bundle/1",
        name: `Load ${i}`,
        trigger: { id: "hook", app: "webhook", event: "catch" },
        steps: [{ id: "tell", kind: "action", app: "http", action: "request", input: { method: "POST", url: double.url, body: { n: "{{hook.n}}" }, continue_on_error_status: false } }],
      });
      await api(base, token, "POST", `/w/${ws}/bundles/${id}/enable`);
      bundleIds.push(id);
      hookUrls.push((await api(base, token, "GET", `/w/${ws}/bundles/${id}`)).webhook_url.replace(/^https?:\/\/[^/]+/, base));
    }

    console.log(`[load] ${DELIVERIES} deliveries, ${CONCURRENCY} connections, ${URLS} URLs → ${base}`);
    const sendStart = Date.now();
    let next = 0;
    let throttled = 0;
    const latencies: number[] = [];
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < DELIVERIES) {
          const n = next++;
          const t0 = Date.now();
          throttled += await deliver(hookUrls[n % URLS], n);
          latencies.push(Date.now() - t0);
        }
      }),
    );
    const sendMs = Date.now() - sendStart;
    latencies.sort((a, b) => a - b);
    const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))];
    console.log(`[load] accepted all in ${(sendMs / 1000).toFixed(1)} s (${((DELIVERIES / sendMs) * 1000).toFixed(0)}/s), reply p50 ${pct(50)} ms, p95 ${pct(95)} ms, p99 ${pct(99)} ms, 429s retried: ${throttled}`);

    const deadline = Date.now() + FINISH_TIMEOUT_MS;
    let statuses = new Map<string, number>();
    let errors = new Map<string, number>();
    for (;;) {
      ({ statuses, errors } = await countRuns(base, token, ws, bundleIds));
      const done = [...statuses].filter(([s]) => !isOpenRunStatus(s)).reduce((n, [, c]) => n + c, 0);
      if (done >= DELIVERIES || Date.now() > deadline) break;
      await new Promise((resolve) => setTimeout(resolve, 2000));
    }
    const finishMs = Date.now() - sendStart;
    console.log(`[load] runs by status after ${(finishMs / 1000).toFixed(1)} s: ${JSON.stringify(Object.fromEntries(statuses))}`);
    for (const [error, count] of errors) console.log(`[load]   ${count} × ${error}`);

    const total = [...statuses.values()].reduce((a, b) => a + b, 0);
    if (total !== DELIVERIES) problems.push(`the API lists ${total} runs for ${DELIVERIES} deliveries`);
    const unfinished = OPEN_RUN_STATUSES.reduce((n, s) => n + (statuses.get(s) ?? 0), 0);
    if (unfinished) problems.push(`${unfinished} runs had not finished after ${FINISH_TIMEOUT_MS / 60_000} min`);
    const missing = Array.from({ length: DELIVERIES }, (_, n) => n).filter((n) => !double.hits.has(n));
    const twice = [...double.hits].filter(([, count]) => count > 1);
    if (missing.length) problems.push(`the double never saw ${missing.length} deliveries (e.g. ${missing.slice(0, 5).join(", ")})`);
    if (twice.length) problems.push(`the double saw ${twice.length} deliveries more than once (e.g. ${JSON.stringify(twice.slice(0, 5))})`);
    console.log(`[load] double: ${double.hits.size} distinct deliveries, ${[...double.hits.values()].reduce((a, b) => a + b, 0)} calls`);
  } finally {
    await product.stop();
    double.close();
  }
  console.log(`[load] ${problems.length ? "FAILED" : "passed"} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  for (const p of problems) console.error(`[load] ${p}`);
  process.exit(problems.length ? 1 : 0);
}

await main();
