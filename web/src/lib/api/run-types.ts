// Runs, their step logs and a bundle's runs per hour, as the dashboard sees them.
import type { Timestamp } from "./types.ts";

export const runStatuses = ["queued", "running", "success", "failed", "stopped", "filtered"] as const;
export type RunStatus = (typeof runStatuses)[number];
export type RetryFrom = "failed_step" | "start";

export interface Run {
  id: string;
  bundle_id: string;
  bundle_version: number;
  status: RunStatus;
  error: string | null;
  trigger: unknown;
  retry_of: string | null;
  created_at: Timestamp;
  started_at: Timestamp | null;
  finished_at: Timestamp | null;
}

export interface StepLog {
  id: string;
  status: "ok" | "error" | "skipped";
  attempt: number;
  input: unknown;
  output: unknown;
  error: string | null;
  notes: string[];
  started_at: Timestamp;
  duration_ms: number;
}

export interface RunDetail extends Run {
  steps: StepLog[];
}

export interface RunPage {
  items: Run[];
  next_cursor: string | null;
}

export interface RunFilter {
  bundle_id?: string;
  status?: RunStatus;
  /** ISO date-times: created at or after `from`, before `to`. */
  from?: string;
  to?: string;
  cursor?: string;
  limit?: number;
}

export interface HourBucket {
  /** The start of the hour, UTC. */
  hour: Timestamp;
  succeeded: number;
  failed: number;
  other: number;
}
