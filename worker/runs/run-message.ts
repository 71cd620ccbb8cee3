// The one message per run on the runs queue: which run, in which workspace's ledger and shard
// (so the executor reaches the run without reading the workspace's split from D1), and, when
// the intake had just read it, the bundle version the run executes (so the executor need not
// read it from D1 again).
import type { RunnableVersion } from "../../db/queries/bundles";
import { utf8Fits } from "../bytes/utf8";

export interface RunMessage {
  workspaceId: string;
  runId: string;
  /** The ledger shard the run was recorded in; absent for shard 0 (and in messages from before the split). */
  shard?: number;
  bundle?: RunnableVersion;
}

/** Queue messages are billed per 64 KB and limited to 128 KB: a larger bundle is read by the executor instead. */
const MAX_CARRIED_BYTES = 48 * 1024;

export function runMessage(workspaceId: string, runId: string, shard: number, bundle?: RunnableVersion): RunMessage {
  return {
    workspaceId,
    runId,
    ...(shard > 0 && { shard }),
    ...(bundle && utf8Fits(JSON.stringify(bundle), MAX_CARRIED_BYTES) && { bundle }),
  };
}
