// Stop («Прерывание»): ends the run, as `stopped` (a normal end) or `failed`, with a reason.
import { renderTemplate, type StopStep } from "../../flow";
import { inLocale } from "../../i18n";
import type { RunnerContext } from "../runner-context";
import type { Verdict } from "../step-outcome";

export async function runStop(step: StopStep, ctx: RunnerContext): Promise<Verdict> {
  const startedAt = ctx.now();
  const rendered = step.reason ? renderTemplate(step.reason, ctx.state.scope()) : { value: "", missing: [] };
  // The bundle's own words are kept as written; ours come in every language.
  const reason = String(rendered.value ?? "") || { en: `Stopped at "${step.id}".`, ru: `Остановлено на шаге «${step.id}».` };
  const failed = step.status === "failed";
  ctx.state.record(step.id, { $ok: 1, $error: "", $status: "ok", reason: inLocale(reason, "en") });
  ctx.state.log({ stepId: step.id, attempt: 1, seq: ctx.state.nextSeq(), status: "ok", output: { reason: inLocale(reason, "en") }, notes: rendered.missing.map((p) => ({ en: `missing: ${p}`, ru: `нет значения: ${p}` })), startedAt, durationMs: 0 });
  return { kind: "end", status: failed ? "failed" : "stopped", reason };
}
