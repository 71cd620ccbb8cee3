// Workspace limits (docs/reliability.md "Quotas"): runs per calendar month (UTC), bundles, and
// steps per run (= steps in a bundle, counting the ones inside `if`; routers only jump forward,
// so a run never executes more). Defaults come from wrangler.toml vars; a workspace_quota row
// overrides them for one workspace. A workspace split over several run ledgers has each of them
// enforce its share of the runs (docs/scale.md), so the split is read with the limits.
import { workspaceLimitSettings } from "../../db/queries/quotas";
import type { LedgerLayout } from "../../db/queries/settings";
import type { WorkspaceScope } from "../../db/queries/workspace-scope";
import type { Env } from "../env";
import { allSteps, type Step } from "../flow";

export interface Limits {
  runsPerMonth: number;
  bundles: number;
  stepsPerRun: number;
  /** How many run ledgers the workspace's runs are split over (workspace_settings.ledger_shards). */
  ledgerShards: number;
  /** Bundles whose runs are spread over all those ledgers by event (workspace_settings.ledger_spread). */
  ledgerSpread: string[];
}

const FALLBACK = { runsPerMonth: 10_000, bundles: 100, stepsPerRun: 50 };

const fromVar = (value: string | undefined, fallback: number) => (value && /^\d+$/.test(value) ? Number(value) : fallback);

export async function limitsFor(env: Env, scope: WorkspaceScope): Promise<Limits> {
  const { quota, ledger } = await workspaceLimitSettings(scope);
  return limitsWith(env, quota, ledger);
}

/** The defaults from `env`, overridden by the workspace's own limits where it has them. */
export function limitsWith(env: Env, own: Partial<Record<keyof typeof FALLBACK, number | null>> | undefined, ledger: LedgerLayout): Limits {
  return {
    runsPerMonth: own?.runsPerMonth ?? fromVar(env.QUOTA_RUNS_PER_MONTH, FALLBACK.runsPerMonth),
    bundles: own?.bundles ?? fromVar(env.QUOTA_BUNDLES, FALLBACK.bundles),
    stepsPerRun: own?.stepsPerRun ?? fromVar(env.QUOTA_STEPS_PER_RUN, FALLBACK.stepsPerRun),
    ledgerShards: ledger.shards,
    ledgerSpread: ledger.spread,
  };
}

/** What each of the workspace's ledgers lets start in a month: its share of the runs quota, rounded up. */
export function runsPerMonthPerShard(limits: Limits): number {
  return Math.ceil(limits.runsPerMonth / limits.ledgerShards);
}

export function nextMonthStart(now = new Date()): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
}


/** Every step of a list, the ones inside `if` branches included. */
export function countSteps(steps: readonly Step[]): number {
  return allSteps(steps).length;
}
