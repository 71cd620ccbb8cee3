// Cron expressions are read by croner, both where a save is checked and where schedules fire
// (worker/schedule/next-run.ts), so what a save accepts is exactly what can fire. The schema's
// five-field pattern catches typos; this names the field croner refuses, or says that no date
// ever matches (31 February).
import { Cron } from "croner";
import type { Text } from "../i18n/text";
import type { Schedule } from "./bundle-schema";

/** The expression as a croner job that never starts by itself; throws when croner refuses it. */
export function cronJob(expression: string, timezone = "UTC"): Cron {
  return new Cron(expression, { timezone, paused: true });
}

const FIELDS: ReadonlyArray<{ en: string; ru: string; allowed: Text }> = [
  { en: "minute", ru: "минута", allowed: { en: "0–59", ru: "0–59" } },
  { en: "hour", ru: "час", allowed: { en: "0–23", ru: "0–23" } },
  { en: "day of month", ru: "день месяца", allowed: { en: "1–31", ru: "1–31" } },
  { en: "month", ru: "месяц", allowed: { en: "1–12 or JAN–DEC", ru: "1–12 или JAN–DEC" } },
  { en: "day of week", ru: "день недели", allowed: { en: "0–7 or SUN–SAT", ru: "0–7 или SUN–SAT" } },
];

/** Why the schedule's `cron` can never fire; undefined when it fires (and for other kinds of schedule, which always do). */
export function cronProblem(schedule: Schedule): Text | undefined {
  if (!("cron" in schedule)) return undefined;
  const expression = schedule.cron.trim();
  if (!refuses(expression)) {
    if (cronJob(expression).nextRun()) return undefined;
    return { en: `The cron expression "${expression}" never runs: none of its months has that day.`, ru: `Выражение cron «${expression}» никогда не сработает: ни в одном из его месяцев нет такого дня.` };
  }
  // Each field alone, the others "*", shows which one croner refuses.
  const fields = expression.split(/\s+/);
  const at = fields.findIndex((_, i) => refuses(fields.map((f, j) => (j === i ? f : "*")).join(" ")));
  const field = FIELDS[at];
  if (!field) return { en: `The cron expression "${expression}" is not valid; write five fields, e.g. "*/15 * * * *".`, ru: `Выражение cron «${expression}» неправильное; нужно пять полей, например «*/15 * * * *».` };
  return {
    en: `The cron expression "${expression}" has an invalid ${field.en} "${fields[at]}" (allowed: ${field.allowed.en}).`,
    ru: `В выражении cron «${expression}» неправильное поле «${field.ru}»: «${fields[at]}» (допустимо: ${field.allowed.ru}).`,
  };
}

function refuses(expression: string): boolean {
  try {
    cronJob(expression);
    return false;
  } catch {
    return true;
  }
}
