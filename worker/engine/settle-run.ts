// What follows from how a run ended, done once per run after the ledger finished it: the
// bundle's failure streak (and auto-pause), the failure alert, and the runs of bundles that
// follow this one. Marked settled in the ledger last, so an executor that dies half-way is
// followed by one that settles again: chained runs start once (their event is this run) and
// the alert is sent once (marked per run), but such a crash can count the failure twice.
import { endFailureStreak, recordRunFailure } from "../../db/queries/bundles";
import { getSettings } from "../../db/queries/settings";
import type { WorkspaceScope } from "../../db/queries/workspace-scope";
import type { RunRow } from "../../db/ledger/queries/runs";
import type { Env } from "../env";
import { startChainedRuns } from "../runs/chained-runs";
import type { Ledger } from "../runs/ledger";
import { notifyRunFailed } from "./notify-failure";
import { inLocale, storedText, storeText, wrapText } from "../i18n";

/** What the executor read of the bundle when the run started; unknown (a run settled on redelivery): look. */
export interface BundleFacts {
  streakWas: number;
  hasFollowers: boolean;
}

const UNKNOWN: BundleFacts = { streakWas: 1, hasFollowers: true };

export async function settleRun(env: Env, ledger: Ledger, scope: WorkspaceScope, run: RunRow, facts: BundleFacts = UNKNOWN) {
  if (run.status === "failed") {
    const settings = await getSettings(scope);
    const reason = run.error ? storedText(run.error) : "unknown";
    const times = settings.pauseAfterFailures;
    const paused = wrapText(reason, (error, locale) =>
      locale === "ru" ? `Приостановлена после ${times} неудачных запусков подряд. Последняя ошибка: ${error}` : `Paused after ${times} failed runs in a row. Last error: ${error}`,
    );
    const streak = await recordRunFailure(scope, run.bundleId, times, storeText(paused));
    if (!run.notifiedAt) await notifyRunFailed(env, scope, ledger, run, inLocale(reason, "en"), streak);
  } else if (facts.streakWas > 0) {
    await endFailureStreak(scope, run.bundleId);
  }
  if (facts.hasFollowers) await startChainedRuns(env, scope, ledger, run);
  await ledger.settle(run.id);
}
