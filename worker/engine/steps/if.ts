// If/else: runs one branch; the other branch's steps are logged as skipped. After the branch
// the run continues with the step after the `if`.
import { evaluateCondition, type IfStep } from "../../flow";
import { allStepIds } from "../step-ids";
import type { RunList, RunnerContext } from "../runner-context";
import type { Verdict } from "../step-outcome";

export async function runIf(step: IfStep, ctx: RunnerContext, runList: RunList): Promise<Verdict> {
  const startedAt = ctx.now();
  const holds = evaluateCondition(step.when, ctx.state.scope());
  ctx.state.record(step.id, { $ok: 1, $error: "", $status: "ok", result: holds ? 1 : 0 });
  ctx.state.log({ stepId: step.id, attempt: 1, seq: ctx.state.nextSeq(), status: "ok", output: { result: holds ? 1 : 0 }, notes: [holds ? { en: "condition held: then-branch", ru: "условие выполнено: ветка «то»" } : { en: "condition did not hold: else-branch", ru: "условие не выполнено: ветка «иначе»" }], startedAt, durationMs: 0 });
  const [taken, other] = holds ? [step.then, step.else ?? []] : [step.else ?? [], step.then];
  ctx.state.markSkipped(allStepIds(other), ctx.now());
  const verdict = await runList(taken, ctx);
  return verdict.kind === "end" ? verdict : { kind: "next" };
}
