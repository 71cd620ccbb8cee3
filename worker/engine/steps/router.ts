// Router: the first route whose condition holds wins; otherwise the `otherwise` target, or
// "stop" to end the run.
import { evaluateCondition, type RouterStep } from "../../flow";
import type { RunnerContext } from "../runner-context";
import type { Verdict } from "../step-outcome";

export async function runRouter(step: RouterStep, ctx: RunnerContext): Promise<Verdict> {
  const startedAt = ctx.now();
  const scope = ctx.state.scope();
  const index = step.routes.findIndex((r) => evaluateCondition(r.when, scope));
  const target = index >= 0 ? step.routes[index].goto : step.otherwise;
  const note =
    index >= 0
      ? { en: `route ${index + 1} matched → ${target}`, ru: `подошёл маршрут ${index + 1} → ${target}` }
      : { en: `no route matched → ${target}`, ru: `ни один маршрут не подошёл → ${target}` };
  ctx.state.record(step.id, { $ok: 1, $error: "", $status: "ok", route: index >= 0 ? index + 1 : 0, goto: target });
  ctx.state.log({ stepId: step.id, attempt: 1, seq: ctx.state.nextSeq(), status: "ok", output: { goto: target }, notes: [note], startedAt, durationMs: 0 });
  if (target === "stop") return { kind: "end", status: "stopped", reason: { en: `Router "${step.id}": ${note.en}`, ru: `Роутер «${step.id}»: ${note.ru}` } };
  return { kind: "goto", target };
}
