// The one message per run on the runs queue: which run, in which workspace's ledger, and,
// when the intake had just read it, the bundle version the run executes (so the executor need
// not read it from D1 again).
import type { RunnableVersion } from "../../db/queries/bundles";

export interface RunMessage {
  workspaceId: string;
  runId: string;
  bundle?: RunnableVersion;
}

/** Queue messages are billed per 64 KB and limited to 128 KB: a larger bundle is read by the executor instead. */
const MAX_CARRIED_BYTES = 48 * 1024;

export function runMessage(workspaceId: string, runId: string, bundle?: RunnableVersion): RunMessage {
  return bundle && JSON.stringify(bundle).length <= MAX_CARRIED_BYTES ? { workspaceId, runId, bundle } : { workspaceId, runId };
}
