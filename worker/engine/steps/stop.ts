// Stop («Прерывание»): ends the run, as `stopped` (a normal end) or `failed`, with a reason. Its
// step log says the same as the run (stopped, or error with the reason), never "ok" beside a
// failed run; and a retry from the failed step runs it again rather than reusing it.
import { renderTemplate, type StopStep } from "../../flow";
import { inLocale, storeText } from "../../i18n";
import type { RunnerContext } from "../runner-context";
import type { Verdict } from "../step-outcome";

export async function runStop(step: StopStep, ctx: RunnerContext): Promise<Verdict> {
  const startedAt = ctx.now();
  const rendered = step.reason ? renderTemplate(step.reason, ctx.state.scope()) : { value: "", missing: [] };
  // The bundle's own words are kept as written; ours come in every language.
  const reason = String(rendered.value ?? "") || { en: `Stopped at "${step.id}".`, ru: `Остановлено на шаге «${step.id}».` };
  const failed = step.status === "failed";
  const status = failed ? "error" : "stopped";
  const reasonEn = inLocale(reason, "en");
  ctx.state.record(step.id, { $ok: failed ? 0 : 1, $error: failed ? reasonEn : "", $status: status, reason: reasonEn });
  ctx.state.log({ stepId: step.id, attempt: 1, seq: ctx.state.nextSeq(), status, output: { reason: reasonEn }, error: failed ? storeText(reason) : null, notes: rendered.missing.map((p) => ({ en: `missing: ${p}`, ru: `нет значения: ${p}` })), startedAt, durationMs: 0 });
  return { kind: "end", status: failed ? "failed" : "stopped", reason };
}
