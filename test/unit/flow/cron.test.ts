// Cron expressions are judged by croner, the library that fires them: one it refuses names the
// field to fix, one that matches no date says it never runs, and every other form passes.
import { describe, expect, it } from "vitest";
import { cronProblem } from "../../../worker/flow/cron";
import { validateBundle } from "../../../worker/flow";

const cron = (expression: string) => cronProblem({ cron: expression });

describe("cron expressions croner refuses", () => {
  it.each([
    ["61 * * * *", 'has an invalid minute "61" (allowed: 0–59)'],
    ["0 24 * * *", 'has an invalid hour "24" (allowed: 0–23)'],
    ["0 0 0 * *", 'has an invalid day of month "0" (allowed: 1–31)'],
    ["0 0 1 13 *", 'has an invalid month "13" (allowed: 1–12 or JAN–DEC)'],
    ["0 0 * * 8", 'has an invalid day of week "8" (allowed: 0–7 or SUN–SAT)'],
    ["*/0 * * * *", 'has an invalid minute "*/0"'],
    ["0 5-1 * * *", 'has an invalid hour "5-1"'],
    ["0 0 * * FOO", 'has an invalid day of week "FOO"'],
  ])("%s names its field", (expression, said) => {
    expect(cron(expression)?.en).toContain(`The cron expression "${expression}" ${said}`);
  });

  it("says it in Russian too", () => {
    expect(cron("61 * * * *")?.ru).toBe("В выражении cron «61 * * * *» неправильное поле «минута»: «61» (допустимо: 0–59).");
  });
});

describe("cron expressions that match no date", () => {
  it.each(["* * 31 2 *", "0 9 30 2 *", "0 0 31 4,6,9,11 *"])("%s never runs", (expression) => {
    expect(cron(expression)).toEqual({
      en: `The cron expression "${expression}" never runs: none of its months has that day.`,
      ru: `Выражение cron «${expression}» никогда не сработает: ни в одном из его месяцев нет такого дня.`,
    });
  });
});

describe("cron expressions that fire", () => {
  it.each(["*/15 * * * *", "0 9 * * 1-5", "0 0 29 2 *", "0 0 31 2 MON", "0 0 L * *", "30 18 * JAN,DEC SUN"])("%s passes", (expression) => {
    expect(cron(expression)).toBeUndefined();
  });

  it("other kinds of schedule always fire", () => {
    expect(cronProblem({ every_minutes: 5 })).toBeUndefined();
    expect(cronProblem({ at: ["09:00"], timezone: "UTC" })).toBeUndefined();
  });
});

describe("bundle validation", () => {
  it("refuses a schedule that cannot run at trigger.schedule.cron", () => {
    const result = validateBundle({
      format: "bundle/1",
      name: "Never",
      trigger: { id: "tick", app: "schedule", event: "tick", schedule: { cron: "* * 31 2 *", timezone: "Europe/Moscow" } },
      steps: [{ id: "s", kind: "stop" }],
    });
    expect(result.ok ? [] : result.errors.map(({ code, path }) => ({ code, path }))).toEqual([{ code: "invalid_cron", path: "/trigger/schedule/cron" }]);
  });
});
