import { describe, expect, it } from "vitest";
import { busiestPlannedShare, MAX_SHARDS, planShards, STEADY_BYTES } from "../../../bench/lib/ledger-plan";
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
});
