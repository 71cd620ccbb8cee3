// Which bundles the cron wakes, and keeping their next_run_at right when they are saved,
// enabled or disabled.
import { setNextRunAt } from "../../db/queries/schedule";
import type { WorkspaceScope } from "../../db/queries/workspace-scope";
import { getTrigger } from "../connectors/catalogue";
import type { Bundle, Schedule } from "../flow";
import { nextRunAfter } from "./next-run";

/** Triggers the cron drives: time-only ticks and polling sources. */
export const SCHEDULED_TRIGGERS = new Set(["schedule.tick", "google_sheets.new_rows"]);

/** Triggers that read a source from a durable cursor (Google Sheets new rows). */
export function isPolling(document: Bundle): boolean {
  return getTrigger(document.trigger.app, document.trigger.event)?.kind === "polling";
}

export function scheduleOf(document: Bundle): Schedule | undefined {
  const { app, event, schedule } = document.trigger;
  return SCHEDULED_TRIGGERS.has(`${app}.${event}`) ? schedule : undefined;
}

/** Sets next_run_at from the schedule (null when disabled or unscheduled) and returns it. */
export async function refreshNextRun(scope: WorkspaceScope, bundleId: string, document: Bundle, enabled: boolean, now = new Date()): Promise<Date | null> {
  const schedule = enabled ? scheduleOf(document) : undefined;
  // A polling trigger polls at once when enabled (the first poll primes its cursor).
  const first = schedule && document.trigger.app === "google_sheets" ? now : schedule ? nextRunAfter(schedule, now) : undefined;
  await setNextRunAt(scope, bundleId, first ?? null);
  return first ?? null;
}
