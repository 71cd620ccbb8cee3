// What every step executor gets: the run's state, the durable primitives, the way to attempt
// an action, and the way to run a nested list of steps (if/else branches).
import type { ActionStep, Step } from "../flow";
import type { Text } from "../i18n/text";
import type { DurableStep } from "./durable-step";
import type { PendingLog, RunState } from "./run-state";
import type { Verdict } from "./step-outcome";

/** One attempt of an action step, as the runner sees it. */
export interface ActionAttempt {
  ok: boolean;
  output: Record<string, unknown>;
  /** A pair once it has words to translate (older recorded attempts keep a plain string). */
  error: string | Text;
  transient: boolean;
  retryAfterSeconds?: number;
}

export interface RunnerContext {
  state: RunState;
  durable: DurableStep;
  /**
   * Performs one attempt of an action and describes its log; called inside a durable step. Its
   * requests wait for `recorded` (the previous step's result written).
   */
  attemptAction(step: ActionStep, attempt: number, seq: number, scope: Record<string, unknown>, recorded: Promise<void>): Promise<{ result: ActionAttempt; log: PendingLog }>;
  /** Outputs of steps that succeeded in the run being retried from its failed step. */
  reused: Map<string, Record<string, unknown>>;
  now(): number;
}

/** Runs a list of steps with the same context (the step runner itself). */
export type RunList = (steps: readonly Step[], ctx: RunnerContext) => Promise<Verdict>;
