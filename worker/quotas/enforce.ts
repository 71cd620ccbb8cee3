// The bundle quotas, checked where bundles are saved. Over a limit: 403 `quota_exceeded` with a
// message that says which limit and how much is used. (The runs quota is checked by the run
// ledger as it records each run: worker/runs/intake.ts.)
import type { WorkspaceScope } from "../../db/queries/workspace-scope";
import type { Env } from "../env";
import type { Bundle } from "../flow";
import { QuotaExceeded } from "../errors";
import { countBundles } from "../../db/queries/quotas";
import { countSteps, limitsFor } from "./limits";

/** For a bundle being saved: the steps limit, and for a new one (`isNew`) the bundles limit. */
export async function assertBundleQuota(env: Env, scope: WorkspaceScope, bundle: Bundle, isNew = false): Promise<void> {
  const limits = await limitsFor(env, scope);
  const steps = countSteps(bundle.steps);
  if (steps > limits.stepsPerRun) {
    throw new QuotaExceeded({ en: `A bundle may have at most ${limits.stepsPerRun} steps in this workspace; this one has ${steps}.`, ru: `В этом рабочем пространстве в связке может быть не больше ${limits.stepsPerRun} шагов; в этой — ${steps}.` }, "/steps");
  }
  if (isNew && (await countBundles(scope)) >= limits.bundles) {
    throw new QuotaExceeded({ en: `This workspace already has its limit of ${limits.bundles} bundles. Delete one, or ask for a higher limit.`, ru: `В рабочем пространстве уже максимум связок (${limits.bundles}). Удалите одну или попросите лимит побольше.` });
  }
}
