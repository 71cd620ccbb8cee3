// The one message per run on the runs queue: which run, in which workspace's ledger.
export interface RunMessage {
  workspaceId: string;
  runId: string;
}
