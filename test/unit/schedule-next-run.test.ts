import { describe, expect, it } from "vitest";
import { nextRunAfter, nextRuns } from "../../worker/schedule/next-run";

const iso = (d: Date | undefined) => d?.toISOString();

describe("next run times", () => {
  it("every N minutes counts from the start of the current minute", () => {
    expect(iso(nextRunAfter({ every_minutes: 5 }, new Date("2026-11-23T10:02:30Z")))).toBe("2026-11-23T10:07:00.000Z");
  });

  it("at fixed times on chosen days, in the chosen timezone", () => {
    const schedule = { at: ["09:00", "18:30"], days: ["mon", "tue"] as ("mon" | "tue")[], timezone: "Europe/Moscow" };
    // Monday 2026-11-23 12:00 Moscow (09:00Z): next is 18:30 Moscow = 15:30Z, then Tuesday 09:00 = 06:00Z, then next Monday.
    expect(nextRuns(schedule, new Date("2026-11-23T09:00:00Z"), 3).map(iso)).toEqual([
      "2026-11-23T15:30:00.000Z",
      "2026-11-24T06:00:00.000Z",
      "2026-11-24T15:30:00.000Z",
    ]);
  });

  it("a time already past today runs at the next occurrence", () => {
    expect(iso(nextRunAfter({ at: ["09:00"], timezone: "UTC" }, new Date("2026-11-23T09:00:00Z")))).toBe("2026-11-24T09:00:00.000Z");
  });

  it("keeps local time across a DST change (Europe/Berlin, 2026-10-25)", () => {
    const runs = nextRuns({ at: ["09:00"], timezone: "Europe/Berlin" }, new Date("2026-10-23T12:00:00Z"), 3).map(iso);
    expect(runs).toEqual(["2026-10-24T07:00:00.000Z", "2026-10-25T08:00:00.000Z", "2026-10-26T08:00:00.000Z"]);
  });

  it("cron expressions in a timezone", () => {
    expect(iso(nextRunAfter({ cron: "*/15 * * * *", timezone: "UTC" }, new Date("2026-11-23T10:02:00Z")))).toBe("2026-11-23T10:15:00.000Z");
    expect(iso(nextRunAfter({ cron: "0 9 * * 1", timezone: "Asia/Yekaterinburg" }, new Date("2026-11-23T05:00:00Z")))).toBe("2026-11-30T04:00:00.000Z");
  });
});

describe("a stored cron expression croner refuses", () => {
  it("never fires instead of throwing (documents saved before saves were checked)", () => {
    expect(nextRunAfter({ cron: "61 * * * *" }, new Date("2026-11-23T10:00:00Z"))).toBeUndefined();
    expect(nextRuns({ cron: "* * 31 2 *" }, new Date("2026-11-23T10:00:00Z"), 3)).toEqual([]);
  });
});
