// Walks a list of steps: one executor per step kind, a loop that runs until a step ends the
// run or the list is done. Router jumps go forward within the same list (the validator
// guarantees it); the steps jumped over are logged as skipped.
import type { Step } from "../flow";
import { allStepIds } from "./step-ids";
import type { DurableStep } from "./durable-step";
import type { PendingLog, RunState } from "./run-state";
import type { Verdict } from "./step-outcome";
import type { ActionAttempt, ActionStepInput } from "./steps/action";
import { runAction } from "./steps/action";
import { runFilter } from "./steps/filter";
import { runIf } from "./steps/if";
import { runRouter } from "./steps/router";
import { runStop } from "./steps/stop";

export interface RunnerContext {
  state: RunState;
  durable: DurableStep;
  /** Performs one attempt of an action and logs it; called inside a durable step. */
  attemptAction(step: ActionStepInput, attempt: number, seq: number, scope: Record<string, unknown>): Promise<ActionAttempt>;
  /** Writes step logs; called inside a durable step. */
  writeLogs(logs: PendingLog[]): Promise<void>;
  /** Outputs of steps that succeeded in the run being retried from its failed step. */
  reused: Map<string, Record<string, unknown>>;
  now(): number;
}

type Executor = (step: any, ctx: RunnerContext) => Promise<Verdict>;

const executors: Record<Step["kind"], Executor> = {
  action: runAction,
  router: runRouter,
  if: runIf,
  filter: runFilter,
  stop: runStop,
};

export async function runStepList(steps: readonly Step[], ctx: RunnerContext): Promise<Verdict> {
  let i = 0;
  while (i < steps.length) {
    const verdict = await executors[steps[i].kind](steps[i], ctx);
    if (verdict.kind === "end") return verdict;
    if (verdict.kind === "goto") {
      const target = steps.findIndex((s, j) => j > i && s.id === verdict.target);
      if (target < 0) return { kind: "end", status: "failed", reason: `Step "${steps[i].id}" jumps to "${verdict.target}", which is not ahead of it.` };
      ctx.state.markSkipped(allStepIds(steps.slice(i + 1, target)), ctx.now());
      i = target;
      continue;
    }
    i++;
  }
  return { kind: "next" };
}
