// Workspace limits (docs/reliability.md "Quotas"): runs per calendar month (UTC), bundles, and
// steps per run (= steps in a bundle, counting the ones inside `if`; routers only jump forward,
// so a run never executes more). Defaults come from wrangler.toml vars; a workspace_quota row
// overrides them for one workspace.
import { countBundles, workspaceQuotaOverrides } from "../../db/queries/quotas";
import type { WorkspaceScope } from "../../db/queries/workspace-scope";
import type { Env } from "../env";
import type { Step } from "../flow";

export interface Limits {
  runsPerMonth: number;
  bundles: number;
  stepsPerRun: number;
}

const FALLBACK: Limits = { runsPerMonth: 10_000, bundles: 100, stepsPerRun: 50 };

const fromVar = (value: string | undefined, fallback: number) => (value && /^\d+$/.test(value) ? Number(value) : fallback);

export async function limitsFor(env: Env, scope: WorkspaceScope): Promise<Limits> {
  return limitsWith(env, await workspaceQuotaOverrides(scope));
}

/** The defaults from `env`, overridden by the workspace's own limits where it has them. */
export function limitsWith(env: Env, own: Partial<Record<keyof Limits, number | null>> | undefined): Limits {
  return {
    runsPerMonth: own?.runsPerMonth ?? fromVar(env.QUOTA_RUNS_PER_MONTH, FALLBACK.runsPerMonth),
    bundles: own?.bundles ?? fromVar(env.QUOTA_BUNDLES, FALLBACK.bundles),
    stepsPerRun: own?.stepsPerRun ?? fromVar(env.QUOTA_STEPS_PER_RUN, FALLBACK.stepsPerRun),
  };
}

export function nextMonthStart(now = new Date()): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
}


/** Every step of a list, the ones inside `if` branches included. */
export function countSteps(steps: readonly Step[]): number {
  return steps.reduce((n, step) => n + 1 + (step.kind === "if" ? countSteps(step.then ?? []) + countSteps(step.else ?? []) : 0), 0);
}
