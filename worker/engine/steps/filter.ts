// Filter: when the condition does not hold, the run ends as `filtered`.
import { evaluateCondition, type FilterStep } from "../../flow";
import type { RunnerContext } from "../runner-context";
import { NEXT, type Verdict } from "../step-outcome";

export async function runFilter(step: FilterStep, ctx: RunnerContext): Promise<Verdict> {
  const startedAt = ctx.now();
  const holds = evaluateCondition(step.when, ctx.state.scope());
  ctx.state.record(step.id, { $ok: 1, $error: "", $status: "ok", passed: holds ? 1 : 0 });
  ctx.state.log({ stepId: step.id, attempt: 1, seq: ctx.state.nextSeq(), status: "ok", output: { passed: holds ? 1 : 0 }, startedAt, durationMs: 0 });
  return holds ? NEXT : { kind: "end", status: "filtered", reason: { en: `Filter "${step.id}" did not pass.`, ru: `Фильтр «${step.id}» не пропустил запуск.` } };
}
