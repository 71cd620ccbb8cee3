// What every benchmark gets from the runner.
import type { ServedDoubles } from "../../scripts/lib/serve-doubles.ts";
import type { RunningSvyazka } from "../../scripts/lib/svyazka-server.ts";

export interface BenchOptions {
  /** Requests per target in the ingest and n8n benches. */
  requests: number;
  connections: number;
  /** Rows in the Sheets scale bench. */
  sheetRows: number;
  /** Deliveries and workspaces in the scale simulation. */
  scaleRuns: number;
  scaleWorkspaces: number;
  skipN8n: boolean;
}

export interface BenchContext {
  svyazka: RunningSvyazka;
  doubles: ServedDoubles;
  options: BenchOptions;
  /** Figures one bench hands to a later one (the n8n bench compares with the ingest figures). */
  shared: { ingestRps?: number };
}

export function doubleUrl(ctx: BenchContext, host: string): string {
  const url = ctx.doubles.urls[host];
  if (!url) throw new Error(`the ${host} double is not served`);
  return url;
}

export async function admin(ctx: BenchContext, host: string, path: string, body?: unknown): Promise<any> {
  const res = await fetch(`${doubleUrl(ctx, host)}/__admin/${path}`, {
    method: body === undefined ? "GET" : "POST",
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${host} /__admin/${path} answered ${res.status}`);
  return res.json();
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
