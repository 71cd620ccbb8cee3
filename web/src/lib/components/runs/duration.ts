// How long a run took (or has taken so far) and when it started, short enough for a table cell.
import type { Run } from "#lib/api/types.ts";
import { isOpenRunStatus } from "../../../../../db/ledger/run-status.ts";
import { i18n, t } from "#lib/i18n/index.svelte.ts";

/** "23 Nov, 18:42": a run log rarely needs the year, and a phone has no room for it. */
export function formatShortDate(iso: string): string {
  return new Intl.DateTimeFormat(i18n.locale, { day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" }).format(new Date(iso));
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return t("runs.duration_ms", { n: Math.max(0, Math.round(ms)) });
  if (ms < 60_000) return t("runs.duration_s", { n: (ms / 1000).toFixed(ms < 10_000 ? 1 : 0) });
  const seconds = Math.round(ms / 1000);
  return t("runs.duration_min", { m: Math.floor(seconds / 60), s: seconds % 60 });
}

/** A run's duration; one still going counts up to `now`; "" before it has started. */
export function runDuration(run: Pick<Run, "started_at" | "finished_at">, now = Date.now()): string {
  if (!run.started_at) return "";
  const end = run.finished_at ? Date.parse(run.finished_at) : now;
  return formatDuration(end - Date.parse(run.started_at));
}

export const isInProgress = (run: Pick<Run, "status">) => isOpenRunStatus(run.status);
