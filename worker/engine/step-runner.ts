// Walks a list of steps: one executor per step kind, a loop that runs until a step ends the
// run or the list is done. Router jumps go forward within the same list (the validator
// guarantees it); the steps jumped over are logged as skipped.
import type { Step } from "../flow";
import { allStepIds } from "./step-ids";
import type { RunnerContext } from "./runner-context";
import type { Verdict } from "./step-outcome";
import { runAction } from "./steps/action";
import { runFilter } from "./steps/filter";
import { runIf } from "./steps/if";
import { runRouter } from "./steps/router";
import { runStop } from "./steps/stop";

type Executor = (step: any, ctx: RunnerContext, runList: typeof runStepList) => Promise<Verdict>;

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
    const verdict = await executors[steps[i].kind](steps[i], ctx, runStepList);
    if (verdict.kind === "end") return verdict;
    if (verdict.kind === "goto") {
      const target = steps.findIndex((s, j) => j > i && s.id === verdict.target);
      if (target < 0) {
        const reason = {
          en: `Step "${steps[i].id}" jumps to "${verdict.target}", which is not ahead of it.`,
          ru: `Шаг «${steps[i].id}» переходит к «${verdict.target}», а тот не впереди него.`,
        };
        return { kind: "end", status: "failed", reason };
      }
      ctx.state.markSkipped(allStepIds(steps.slice(i + 1, target)), ctx.now());
      i = target;
      continue;
    }
    i++;
  }
  return { kind: "next" };
}
