// Quota checks, each one line at the place the thing is created: a run where runs start, a
// bundle where bundles are saved. Over a limit: 403 `quota_exceeded` with a message that says
// which limit, how much is used, and when it resets. Checked before each start, so starts that
// race each other can go over by at most their number.
import type { WorkspaceScope } from "../../db/queries/workspace-scope";
import type { Env } from "../env";
import type { Bundle } from "../flow";
import { ApiError } from "../http/errors";
import { countBundles, countRunsInMonth } from "../../db/queries/quotas";
import { countSteps, limitsFor, nextMonthStart, type Limits } from "./limits";

export async function assertRunQuota(env: Env, scope: WorkspaceScope): Promise<void> {
  const [limits, runsThisMonth] = await Promise.all([limitsFor(env, scope), countRunsInMonth(scope, new Date())]);
  assertRunsLeft(limits, runsThisMonth);
}

/** The check itself, for callers that read the limits and the month's runs in one query (webhooks). */
export function assertRunsLeft(limits: Limits, runsThisMonth: number): void {
  if (runsThisMonth >= limits.runsPerMonth) {
    const resets = nextMonthStart().toISOString().slice(0, 10);
    throw new ApiError("quota_exceeded", {
      en: `This workspace has used its ${limits.runsPerMonth} runs for this month; nothing was started. Runs start again on ${resets} (UTC), or ask for a higher limit.`,
      ru: `Рабочее пространство израсходовало лимит запусков на этот месяц (${limits.runsPerMonth}); ничего не запущено. Запуски снова станут доступны ${resets} (UTC), или попросите лимит побольше.`,
    });
  }
}

/** For a bundle being saved: the steps limit, and for a new one (`isNew`) the bundles limit. */
export async function assertBundleQuota(env: Env, scope: WorkspaceScope, bundle: Bundle, isNew = false): Promise<void> {
  const limits = await limitsFor(env, scope);
  const steps = countSteps(bundle.steps);
  if (steps > limits.stepsPerRun) {
    throw new ApiError("quota_exceeded", { en: `A bundle may have at most ${limits.stepsPerRun} steps in this workspace; this one has ${steps}.`, ru: `В этом рабочем пространстве в связке может быть не больше ${limits.stepsPerRun} шагов; в этой — ${steps}.` }, "/steps");
  }
  if (isNew && (await countBundles(scope)) >= limits.bundles) {
    throw new ApiError("quota_exceeded", { en: `This workspace already has its limit of ${limits.bundles} bundles. Delete one, or ask for a higher limit.`, ru: `В рабочем пространстве уже максимум связок (${limits.bundles}). Удалите одну или попросите лимит побольше.` });
  }
}
