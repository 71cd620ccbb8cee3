// How a step ends, and how a run ends.
export type StepStatus = "ok" | "error" | "skipped";

export type RunEnd = "success" | "failed" | "stopped" | "filtered";

/** What a step tells the runner to do next. */
export type Verdict =
  | { kind: "next" }
  | { kind: "goto"; target: string }
  | { kind: "end"; status: RunEnd; reason: string };

export const NEXT: Verdict = { kind: "next" };
