// When a schedule fires next, after a given instant. Cron expressions and "at times on days in
// a timezone" both go through croner, which is DST-correct; "every N minutes" counts from the
// start of the current minute, so ticks stay on whole minutes.
import type { Schedule } from "../flow";
import { cronJob } from "../flow/cron";

const DAY_NAMES = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"] as const;

/** `{at: ["09:00", "18:30"], days: ["mon"]}` as cron expressions, one per time. */
function atAsCron(at: readonly string[], days?: readonly string[]): string[] {
  const dayField = days && days.length ? days.map((d) => DAY_NAMES.indexOf(d.toLowerCase() as (typeof DAY_NAMES)[number])).join(",") : "*";
  return at.map((time) => {
    const [h, m] = time.split(":").map(Number);
    return `${m} ${h} * * ${dayField}`;
  });
}

/** The first firing strictly after `after`, or undefined when the schedule never fires again. */
export function nextRunAfter(schedule: Schedule, after: Date): Date | undefined {
  if ("every_minutes" in schedule) {
    const minute = Math.floor(after.getTime() / 60_000) * 60_000;
    return new Date(minute + schedule.every_minutes * 60_000);
  }
  const expressions = "cron" in schedule ? [schedule.cron] : atAsCron(schedule.at, schedule.days);
  const timezone = schedule.timezone ?? "UTC";
  const next = expressions.map((expr) => cronNext(expr, timezone, after)).filter((d): d is Date => d instanceof Date);
  return next.length ? new Date(Math.min(...next.map((d) => d.getTime()))) : undefined;
}

// Saves refuse what croner refuses (flow/cron.ts), but a document stored before they did must
// not throw here: one such bundle would stop the whole tick at it, every minute.
function cronNext(expression: string, timezone: string, after: Date): Date | null {
  try {
    return cronJob(expression, timezone).nextRun(after);
  } catch {
    return null;
  }
}

/** The next `count` firings after `after`, for previews in the editor and the API. */
export function nextRuns(schedule: Schedule, after: Date, count: number): Date[] {
  const out: Date[] = [];
  let cursor = after;
  while (out.length < count) {
    const next = nextRunAfter(schedule, cursor);
    if (!next) break;
    out.push(next);
    cursor = next;
  }
  return out;
}
