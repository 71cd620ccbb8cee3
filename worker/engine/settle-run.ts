// What follows from how a run ended, done once per run after the ledger finished it (and
// counted its bundle's failure streak in the same write): the auto-pause, the failure alert,
// and the runs of bundles that follow this one. Marked settled in the ledger last, so an
// executor that dies half-way is followed by one that settles again: chained runs start once
// (their event is this run), the alert is sent once (marked per run) and a pause is the same
// pause.
import { pauseFailingBundle } from "../../db/queries/bundles";
import { getSettings } from "../../db/queries/settings";
import type { WorkspaceScope } from "../../db/queries/workspace-scope";
import type { RunRow } from "../../db/ledger/queries/runs";
import type { Env } from "../env";
import { startChainedRuns } from "../runs/chained-runs";
import type { Ledger } from "../runs/ledger";
import { notifyRunFailed } from "./notify-failure";
import { inLocale, storedText, storeText, wrapText } from "../i18n";

/**
 * `streak`: the bundle's failed runs in a row as the ledger counted them when it finished this
 * run (or now, for a run settled on redelivery). `hasFollowers`: unknown (a run settled on
 * redelivery) means look.
 */
export async function settleRun(env: Env, ledger: Ledger, scope: WorkspaceScope, run: RunRow, streak: number, hasFollowers = true) {
  if (run.status === "failed") {
    const settings = await getSettings(scope);
    const reason = run.error ? storedText(run.error) : "unknown";
    const times = settings.pauseAfterFailures;
    if (times > 0 && streak >= times) {
      const paused = wrapText(reason, (error, locale) =>
        locale === "ru" ? `Приостановлена после ${times} неудачных запусков подряд. Последняя ошибка: ${error}` : `Paused after ${times} failed runs in a row. Last error: ${error}`,
      );
      await pauseFailingBundle(scope, run.bundleId, storeText(paused));
    }
    if (!run.notifiedAt) await notifyRunFailed(env, scope, ledger, run, inLocale(reason, "en"), streak);
  }
  if (hasFollowers) await startChainedRuns(env, scope, ledger, run);
  await ledger.settle(run.id);
}
