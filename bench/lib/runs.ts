// Reading runs back through the API: wait until a bundle's runs have all finished.
import { deliver, type Api } from "./api.ts";
import { perSecond } from "./stats.ts";

export interface Run {
  id: string;
  status: string;
  error: string | null;
  trigger: Record<string, unknown>;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
}

export interface StepLog {
  id: string;
  status: string;
  output: Record<string, unknown> | null;
  notes: string[];
  started_at: string;
  duration_ms: number;
}

/**
 * Sends each payload to the bundle's webhook once the previous run has finished, and no sooner
 * than `paceMs` after the previous one was sent; returns every run with the moment it was sent.
 * A run that does not succeed ends the bench: its figures would measure the failure. The runs
 * API is asked only once the pace has passed: its answers run on the same workerd thread as
 * the run, so polling every 20 ms meanwhile (as this did) slowed the run it timed. `between`
 * runs after each run but the last (another system's run, taking turns with these).
 */
export async function runOneAtATime(api: Api, bundle: { id: string; hookUrl: string }, payloads: unknown[], paceMs: number, between?: () => Promise<void>) {
  const results: Array<{ run: Run; sent: number }> = [];
  for (const payload of payloads) {
    if (between && results.length) await between();
    const sent = Date.now();
    await deliver(bundle.hookUrl, payload);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, sent + paceMs - Date.now())));
    const run = (await waitForRuns(api, bundle.id, results.length + 1, 60_000, 20))[0];
    if (run.status !== "success") throw new Error(`a run ended ${run.status}: ${run.error}`);
    results.push({ run, sent });
  }
  return results;
}

/** Sends every payload, `parallel` at a time, and waits for all their runs; runs/s from the first delivery to the last finished run. */
export async function runBurst(api: Api, bundle: { id: string; hookUrl: string }, payloads: unknown[], parallel: number) {
  const start = Date.now();
  for (let i = 0; i < payloads.length; i += parallel) await Promise.all(payloads.slice(i, i + parallel).map((p) => deliver(bundle.hookUrl, p)));
  const runs = await waitForRuns(api, bundle.id, payloads.length, 10 * 60_000, 200);
  const end = Math.max(...runs.map((r) => Date.parse(r.finished_at!)));
  return { runs, runsPerSecond: perSecond(runs.length, end - start), failed: runs.filter((r) => r.status !== "success") };
}

/** Every run of a bundle, newest first. */
export async function allRuns(api: Api, bundleId: string): Promise<Run[]> {
  const runs: Run[] = [];
  let cursor: string | null = null;
  do {
    const query = new URLSearchParams({ bundle_id: bundleId, limit: "200", ...(cursor ? { cursor } : {}) });
    const page: { items: Run[]; next_cursor: string | null } = await api.ws("GET", `/runs?${query}`);
    runs.push(...page.items);
    cursor = page.next_cursor;
  } while (cursor);
  return runs;
}

/** Whether the bundle (or, without one, the workspace) has a run with this status. */
async function anyWithStatus(api: Api, bundleId: string | undefined, status: string): Promise<boolean> {
  const page = await api.ws<{ items: Run[] }>("GET", `/runs?${new URLSearchParams({ ...(bundleId ? { bundle_id: bundleId } : {}), status, limit: "1" })}`);
  return page.items.length > 0;
}

/** Waits until no run of the workspace is queued or running. */
export async function waitUntilIdle(api: Api, timeoutMs: number, pollMs = 250): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if (!(await anyWithStatus(api, undefined, "queued")) && !(await anyWithStatus(api, undefined, "running"))) return;
    } catch {
      // one failed poll under load is not the end of a long bench: ask again
    }
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
  throw new Error(`after ${timeoutMs / 1000} s, the workspace still had runs queued or running`);
}

/** Waits until `expected` runs of the bundle exist and none is queued or running; returns them all. */
export async function waitForRuns(api: Api, bundleId: string, expected: number, timeoutMs: number, pollMs = 250): Promise<Run[]> {
  const deadline = Date.now() + timeoutMs;
  let seen = 0;
  let lastError = "";
  while (Date.now() < deadline) {
    try {
      if (!(await anyWithStatus(api, bundleId, "queued")) && !(await anyWithStatus(api, bundleId, "running"))) {
        const runs = await allRuns(api, bundleId);
        seen = runs.length;
        if (runs.length >= expected) return runs;
      }
    } catch (err) {
      // one failed poll under load is not the end of a long bench: ask again
      lastError = err instanceof Error ? err.message : String(err);
    }
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
  throw new Error(`after ${timeoutMs / 1000} s, ${seen} of ${expected} runs had finished${lastError ? ` (last poll error: ${lastError})` : ""}`);
}

export async function stepLogs(api: Api, runId: string): Promise<StepLog[]> {
  return (await api.ws<{ steps: StepLog[] }>("GET", `/runs/${runId}`)).steps;
}

/** Milliseconds the step spent waiting on outside services: the HTTP exchanges its notes log. */
export function httpMs(step: StepLog): number {
  return step.notes.reduce((sum, note) => sum + Number(/→ .* in (\d+) ms$/.exec(note)?.[1] ?? 0), 0);
}

/** Run duration from creation (the delivery was stored) to its end. */
export function runMs(run: Run): number {
  return Date.parse(run.finished_at!) - Date.parse(run.created_at);
}
