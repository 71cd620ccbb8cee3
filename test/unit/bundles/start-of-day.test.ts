import { describe, expect, it } from "vitest";
import { startOfDay } from "../../../worker/bundles/start-of-day";

describe("startOfDay", () => {
  it("is midnight in the given time zone, not in UTC", () => {
    // 22:30 UTC on 5 March is 01:30 on 6 March in Moscow (UTC+3)
    expect(startOfDay(new Date("2026-03-05T22:30:00.250Z"), "Europe/Moscow").toISOString()).toBe("2026-03-05T21:00:00.000Z");
    expect(startOfDay(new Date("2026-03-05T22:30:00Z"), "UTC").toISOString()).toBe("2026-03-05T00:00:00.000Z");
    expect(startOfDay(new Date("2026-03-05T02:00:00Z"), "America/New_York").toISOString()).toBe("2026-03-04T05:00:00.000Z");
  });
});
