// Why the intake refused a run, as domain errors (worker/errors): 403 quota_exceeded; 429
// rate_limited with Retry-After.
import { QuotaExceeded, RateLimited } from "../errors";
import { nextMonthStart } from "../quotas/limits";

export class RunQuotaExceeded extends QuotaExceeded {
  constructor(readonly runsPerMonth: number) {
    const resets = nextMonthStart().toISOString().slice(0, 10);
    super({
      en: `This workspace has used its ${runsPerMonth} runs for this month; nothing was started. Runs start again on ${resets} (UTC), or ask for a higher limit.`,
      ru: `Рабочее пространство израсходовало лимит запусков на этот месяц (${runsPerMonth}); ничего не запущено. Запуски снова станут доступны ${resets} (UTC), или попросите лимит побольше.`,
    });
  }
}

/** Webhook answers are English only, like every webhook answer. */
export class DeliveryRateLimited extends RateLimited {
  constructor(retryAfterSeconds: number) {
    super("Too many deliveries to this URL. Slow down and send again after the Retry-After seconds; nothing was stored.", retryAfterSeconds);
  }
}
