// Why the intake refused a run, as domain errors: worker/http/errors.ts turns them into HTTP
// answers in one place (403 quota_exceeded; 429 rate_limited with Retry-After).
import { TextError } from "../i18n/text";
import { nextMonthStart } from "../quotas/limits";

export class RunQuotaExceeded extends TextError {
  constructor(readonly runsPerMonth: number) {
    const resets = nextMonthStart().toISOString().slice(0, 10);
    super({
      en: `This workspace has used its ${runsPerMonth} runs for this month; nothing was started. Runs start again on ${resets} (UTC), or ask for a higher limit.`,
      ru: `Рабочее пространство израсходовало лимит запусков на этот месяц (${runsPerMonth}); ничего не запущено. Запуски снова станут доступны ${resets} (UTC), или попросите лимит побольше.`,
    });
  }
}

/** Webhook answers are English only, like every webhook answer. */
export class DeliveryRateLimited extends TextError {
  constructor(readonly retryAfterSeconds: number) {
    super("Too many deliveries to this URL. Slow down and send again after the Retry-After seconds; nothing was stored.");
  }
}
