// How a step ends, and how a run ends.
import type { RunEnd } from "../../db/ledger/run-status";
import type { Text } from "../i18n/text";

/** What a step tells the runner to do next. */
export type Verdict =
  | { kind: "next" }
  | { kind: "goto"; target: string }
  | { kind: "end"; status: RunEnd; reason: string | Text };

export const NEXT: Verdict = { kind: "next" };
