// The statuses a run and a step log can have: the one list the ledger, the engine, the API's
// schemas and the dashboard all take them from. A leaf: it imports nothing, so the dashboard
// can import it as a value too.

/** Open runs first (waiting or executing), then the ways a run ends. */
export const RUN_STATUSES = ["queued", "running", "success", "failed", "stopped", "filtered"] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

/** A run still under way: it may yet change. */
export const OPEN_RUN_STATUSES = ["queued", "running"] as const satisfies readonly RunStatus[];
export type OpenRunStatus = (typeof OPEN_RUN_STATUSES)[number];

/** How a run ends: it stays so (a retry is a new run). */
export const ENDED_RUN_STATUSES = ["success", "failed", "stopped", "filtered"] as const satisfies readonly RunStatus[];
export type RunEnd = (typeof ENDED_RUN_STATUSES)[number];

export function isOpenRunStatus(status: string): status is OpenRunStatus {
  return (OPEN_RUN_STATUSES as readonly string[]).includes(status);
}

/** How one step of a run went; "stopped" is a Stop step that ended the run normally. */
export const STEP_STATUSES = ["ok", "error", "skipped", "stopped"] as const;
export type StepStatus = (typeof STEP_STATUSES)[number];
