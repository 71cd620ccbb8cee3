// Helpers for tests that run bundles through the real run plane (intake, queue executor, ledger).
import { call } from "./api";

const FINAL = new Set(["success", "failed", "stopped", "filtered"]);

/** Polls the run until it has ended (or the time is up) and returns it with its steps. */
export async function waitForRun(token: string, workspaceId: string, runId: string, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await call("GET", `/api/v1/w/${workspaceId}/runs/${runId}`, { token });
    if (res.status === 200 && FINAL.has(res.json.status)) return res.json;
    if (Date.now() > deadline) throw new Error(`run ${runId} still ${res.json?.status} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function createBundle(token: string, workspaceId: string, document: unknown) {
  const res = await call("POST", `/api/v1/w/${workspaceId}/bundles`, { token, body: document });
  if (res.status !== 201) throw new Error(`bundle not created: ${res.status} ${res.text}`);
  return res.json.id as string;
}

export async function forceRun(token: string, workspaceId: string, bundleId: string, payload?: unknown) {
  const res = await call("POST", `/api/v1/w/${workspaceId}/bundles/${bundleId}/run`, { token, body: payload === undefined ? {} : { payload } });
  if (res.status !== 202) throw new Error(`run not started: ${res.status} ${res.text}`);
  return res.json.run_id as string;
}
