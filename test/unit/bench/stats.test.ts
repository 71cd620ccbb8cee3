// The bench's figures: nearest-rank percentiles, rates, and how they are rounded in the table.
import { describe, expect, it } from "vitest";
import { percentile, perSecond, round } from "../../../bench/lib/stats";

describe("percentile (nearest rank)", () => {
  const latencies = [12, 3, 7, 100, 5, 9, 4, 8, 6, 10];

  it("takes the value at rank ceil(p/100 × n) of the sorted values", () => {
    expect(percentile(latencies, 50)).toBe(7);
    expect(percentile(latencies, 90)).toBe(12);
    expect(percentile(latencies, 99)).toBe(100);
    expect(percentile(latencies, 0)).toBe(3);
  });

  it("does not reorder its input and gives NaN for no values", () => {
    const copy = [...latencies];
    percentile(latencies, 50);
    expect(latencies).toEqual(copy);
    expect(percentile([], 50)).toBeNaN();
  });
});

describe("rates and rounding", () => {
  it("counts per second over milliseconds", () => {
    expect(perSecond(30, 1500)).toBe(20);
    expect(perSecond(5, 0)).toBeNaN();
  });

  it("keeps three significant digits below 100 and whole numbers above", () => {
    expect(round(0.123456)).toBe("0.123");
    expect(round(42.71)).toBe("42.7");
    expect(round(12345.6)).toBe("12,346");
    expect(round(NaN)).toBe("n/a");
  });
});
