// Action: calls a connector. Each attempt is one durable step (its result and log recorded
// together), so a resumed or redelivered run never repeats an attempt that finished. Transient failures (timeouts, 429, 5xx) are
// retried per `retry`, waiting at least what the service's Retry-After asked for.
import type { ActionStep } from "../../flow";
import { inLocale, wrapText } from "../../i18n";
import type { ActionAttempt, RunnerContext } from "../runner-context";
import { NEXT, type Verdict } from "../step-outcome";

const MAX_BACKOFF_SECONDS = 3600;
const DEFAULT_BACKOFF_SECONDS = 10;

export function backoffSeconds(step: ActionStep, attempt: number, retryAfterSeconds = 0): number {
  const base = step.retry?.backoff_seconds ?? DEFAULT_BACKOFF_SECONDS;
  return Math.min(MAX_BACKOFF_SECONDS, Math.max(retryAfterSeconds, base * 2 ** (attempt - 1)));
}

export async function runAction(step: ActionStep, ctx: RunnerContext): Promise<Verdict> {
  const reused = ctx.reused.get(step.id);
  if (reused) {
    ctx.state.record(step.id, { ...reused, $ok: 1, $error: "", $status: "ok" });
    ctx.state.log({ stepId: step.id, attempt: 1, seq: ctx.state.nextSeq(), status: "ok", output: reused, notes: [{ en: "reused: this step succeeded in the run being retried", ru: "повторно использован: этот шаг выполнился в повторяемом запуске" }], startedAt: ctx.now(), durationMs: 0 });
    return NEXT;
  }
  const attempts = Math.max(1, step.retry?.attempts ?? 1);
  let result: ActionAttempt | undefined;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const scope = ctx.state.scope();
    const seq = ctx.state.nextSeq();
    const pending = ctx.state.takeLogs();
    result = await ctx.durable.do(`${step.id}#${attempt}`, async (recorded) => {
      const { result, log } = await ctx.attemptAction(step, attempt, seq, scope, recorded);
      return { value: result, logs: [...pending, log] };
    });
    if (result.ok || !result.transient || attempt === attempts) break;
    await ctx.durable.sleep(`${step.id}#${attempt} backoff`, backoffSeconds(step, attempt, result.retryAfterSeconds) * 1000);
  }
  const final = result!;
  ctx.state.record(step.id, { ...final.output, $ok: final.ok ? 1 : 0, $error: inLocale(final.error, "en"), $status: final.ok ? "ok" : "error" });
  if (!final.ok && step.on_error !== "continue") {
    return { kind: "end", status: "failed", reason: wrapText(final.error, (error, locale) => (locale === "ru" ? `Шаг «${step.id}» не выполнен: ${error}` : `Step "${step.id}" failed: ${error}`)) };
  }
  return NEXT;
}
