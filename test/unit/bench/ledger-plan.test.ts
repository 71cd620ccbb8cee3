import { describe, expect, it } from "vitest";
import { busiestPlannedShare, busiestShareAtVolume, MAX_SHARDS, planShards, STEADY_BYTES } from "../../../bench/lib/ledger-plan";
import { TARGET } from "../../../bench/lib/scale-projection";
import { MAX_LEDGER_SHARDS } from "../../../db/queries/settings";
import { SPLIT_POLICY } from "../../../worker/runs/ledger-split";

describe("the scale bench's ledger plan", () => {
  it("uses the ledgers' own steady size and shard ceiling", () => {
    expect(STEADY_BYTES).toBe(SPLIT_POLICY.steadyBytes);
    expect(MAX_SHARDS).toBe(MAX_LEDGER_SHARDS);
  });

  it("splits a workspace into the smallest power of two that keeps each shard under the steady size", () => {
    // 100M runs a month, 30 days kept, 8 KB a run: 5% is 40 GB → 16 shards of 2.5 GB; 0.4% is 3.2 GB → 1.
    const shards = planShards([0.05, 0.02, 0.006, 0.004], TARGET, 8_000);
    expect(shards).toEqual([16, 4, 2, 1]);
    expect(busiestPlannedShare([0.05, 0.02, 0.006, 0.004], shards)).toBeCloseTo(0.005, 6);
    for (const [i, share] of [0.05, 0.02, 0.006, 0.004].entries()) expect((share / shards[i]) * 100e6 * 8_000).toBeLessThanOrEqual(STEADY_BYTES);
  });

  it("stops at the ceiling", () => {
    expect(planShards([1], TARGET, 100_000)).toEqual([MAX_SHARDS]);
  });

  it("projects the busiest ledger from the intake's key function at volume, not from a bench's few events", () => {
    const weights = [0.05, 0.02, 0.006, 0.004];
    const shards = [16, 4, 2, 1];
    const bundles = ["b_busiest", "b_second", "b_third", "b_fourth"];
    // Even: the 2% workspace's 4 shards carry 0.5% each, give or take the hash's own unevenness.
    const atVolume = busiestShareAtVolume(weights, shards, bundles);
    expect(atVolume).toBeGreaterThanOrEqual(0.005);
    expect(atVolume).toBeLessThan(0.005 * 1.02);
    // 101 events over 4 shards put 26 or more in one: a small run's busiest shard overstates.
    expect(busiestShareAtVolume(weights, shards, bundles, 101)).toBeGreaterThanOrEqual((0.02 * 26) / 101);
    // A workspace in one ledger carries its whole share.
    expect(busiestShareAtVolume([0.05], [1], ["b_one"])).toBe(0.05);
  });
});
