// What a ledger projects it will hold with a full retention window (worker/runs/ledger-split.ts).
import { describe, expect, it } from "vitest";
import { projectedBytes } from "../../../worker/runs/ledger-split";

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
