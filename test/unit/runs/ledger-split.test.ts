// What a ledger projects it will hold with a full retention window (worker/runs/ledger-split.ts).
import { describe, expect, it } from "vitest";
import { hotBundle, projectedBytes, shardsForSpread } from "../../../worker/runs/ledger-split";

const HOUR = 3_600_000;
const GB = 1e9;

describe("a ledger's projected steady size", () => {
  it("a ledger that grew 0.46 GB in 6 hours holds ≈ 55 GB once 30 days are kept", () => {
    const now = 100 * 24 * HOUR;
    expect(projectedBytes({ bytes: 0.46 * GB, since: { bytes: 0, at: now - 6 * HOUR, split: false }, retentionDays: 30, now }) / GB).toBeCloseTo(55.2, 1);
  });

  it("before its first split what it holds counts even when it no longer grows (retention deletes as much as it adds)", () => {
    const now = 100 * 24 * HOUR;
    expect(projectedBytes({ bytes: 5 * GB, since: { bytes: 0, at: now - 40 * 24 * HOUR, split: false }, retentionDays: 30, now })).toBe(5 * GB);
  });

  it("after a split only its growth since counts: the runs from before age out", () => {
    const now = 100 * 24 * HOUR;
    expect(projectedBytes({ bytes: 5 * GB, since: { bytes: 5 * GB, at: now - 24 * HOUR, split: true }, retentionDays: 30, now })).toBe(0);
    expect(projectedBytes({ bytes: 5.1 * GB, since: { bytes: 5 * GB, at: now - 24 * HOUR, split: true }, retentionDays: 30, now }) / GB).toBeCloseTo(3, 5);
  });
});

describe("a ledger's hot bundle", () => {
  const busiest = (share: number) => () => ({ bundleId: "b_hot", share });

  it("is the bundle that made most of the shard's runs, unless it is spread already or the spread list is full", () => {
    expect(hotBundle({ busiestBundle: busiest(0.9) }, [])).toEqual({ bundleId: "b_hot", share: 0.9 });
    expect(hotBundle({ busiestBundle: busiest(0.5) }, [])).toBeUndefined();
    expect(hotBundle({ busiestBundle: busiest(0.9) }, ["b_hot"])).toBeUndefined();
    expect(hotBundle({ busiestBundle: busiest(0.9) }, Array.from({ length: 64 }, (_, i) => `b_${i}`))).toBeUndefined();
    expect(hotBundle({}, [])).toBeUndefined();
  });

  it("spread, takes the power of two of shards that brings its own bytes under the steady size, never fewer than now", () => {
    // A bundle of 4% of 100M runs a month at ≈ 8.5 KB a run, 30 days kept: ≈ 34 GB.
    expect(shardsForSpread(34 * GB, 1, 4 * GB)).toBe(16);
    expect(shardsForSpread(34 * GB, 32, 4 * GB)).toBe(32);
    expect(shardsForSpread(3 * GB, 4, 4 * GB)).toBe(4);
    expect(shardsForSpread(1000 * GB, 2, 4 * GB)).toBe(64);
  });
});
