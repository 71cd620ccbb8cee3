// How a step ends, and how a run ends.
import type { RunEnd } from "../../db/ledger/run-status";

/** What a step tells the runner to do next. */
export type Verdict =
  | { kind: "next" }
  | { kind: "goto"; target: string }
  | { kind: "end"; status: RunEnd; reason: string };

export const NEXT: Verdict = { kind: "next" };
