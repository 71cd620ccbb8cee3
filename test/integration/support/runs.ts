// Runs through the real run plane (intake, queue executor, ledger): started by hand, listed, and
// waited for. The waits have no deadline of their own: how long a run takes depends on the
// machine's load, and a run that never ends is reported by the test's timeout.
import { call } from "./api";
import type { Caller } from "./workspace";

const FINAL = new Set(["success", "failed", "stopped", "filtered"]);
const pause = () => new Promise((r) => setTimeout(r, 50));

/** Polls the run until it has ended and returns it with its steps. */
export async function waitForRun(u: Caller, runId: string) {
  for (;;) {
    const res = await call("GET", `/api/v1/w/${u.workspaceId}/runs/${runId}`, { token: u.token });
    if (res.status === 200 && FINAL.has(res.json.status)) return res.json;
    await pause();
  }
}

/** Starts a run by hand (the manual trigger's sample when there is no payload); its id. */
export async function forceRun(u: Caller, bundleId: string, payload?: unknown): Promise<string> {
  const res = await call("POST", `/api/v1/w/${u.workspaceId}/bundles/${bundleId}/run`, { token: u.token, body: payload === undefined ? {} : { payload } });
  if (res.status !== 202) throw new Error(`run not started: ${res.status} ${res.text}`);
  return res.json.run_id;
}

/** Starts a run by hand and returns it once it has ended. */
export async function runBundle(u: Caller, bundleId: string, payload?: unknown) {
  return waitForRun(u, await forceRun(u, bundleId, payload));
}

/** The bundle's runs as the runs list shows them (up to 200), newest first. */
export async function runsOf(u: Caller, bundleId: string): Promise<any[]> {
  return (await call("GET", `/api/v1/w/${u.workspaceId}/runs?bundle_id=${bundleId}&limit=200`, { token: u.token })).json.items;
}

/** The id of the bundle's first run, once something (a chain, a delivery) has started one. */
export async function firstRunOf(u: Caller, bundleId: string): Promise<string> {
  for (;;) {
    const [first] = await runsOf(u, bundleId);
    if (first) return first.id;
    await pause();
  }
}
