// How the scale bench splits its workspaces' ledgers before the load: as the ledgers' own rule
// (worker/runs/ledger-split.ts, decision 0032) would have split them at the target volume. A
// bench of minutes cannot grow a ledger to gigabytes, so the rule cannot fire by itself here;
// the bench sets what it would reach (ledger_shards, and its one bundle spread over them, since
// a single bundle cannot be split by bundle) and measures the load that follows.
import { deliveryEvent } from "../../worker/hooks/delivery-events.ts";
import { runShardOf } from "../../worker/runs/ledger-shard.ts";
import { retainedBytes, type Workload } from "./scale-projection.ts";

/** What one shard may hold in its steady state: SPLIT_POLICY.steadyBytes (test/unit/bench/ledger-plan.test.ts keeps them equal). */
export const STEADY_BYTES = 4_000_000_000;
/** ledger_shards' ceiling (db/queries/settings.ts MAX_LEDGER_SHARDS). */
export const MAX_SHARDS = 64;

/**
 * The shards each workspace (by its share of all runs) ends with under the rule: the smallest
 * power of two that brings its steady state under STEADY_BYTES, at most MAX_SHARDS.
 */
export function planShards(weights: readonly number[], target: Workload, bytesPerRun: number): number[] {
  return weights.map((share) => {
    const bytes = retainedBytes(bytesPerRun * share, target);
    let shards = 1;
    while (bytes / shards > STEADY_BYTES && shards < MAX_SHARDS) shards *= 2;
    return shards;
  });
}

/** The largest share of all runs one ledger object gets under the plan (runs spread evenly over a workspace's shards). */
export const busiestPlannedShare = (weights: readonly number[], shards: readonly number[]) => Math.max(...weights.map((w, i) => w / shards[i]));

/**
 * Simulated deliveries per split workspace. The busiest shard's part comes out a little high
 * (the largest of its shards' sampling errors): about 2% at 16 shards, 4% at 64, on the safe side.
 */
export const EVENTS_AT_VOLUME = 200_000;

/**
 * The largest share of all runs one ledger object gets at the target volume, where a split
 * workspace's millions of deliveries a month hash evenly over its shards: each split
 * workspace's share times its busiest shard's part of `events` fresh deliveries, put through
 * the intake's own key function (runShardOf, worker/runs/ledger-shard.ts), so its real
 * unevenness counts. A bench's few thousand runs spread over the shards far less evenly (its
 * busiest shard is sampling noise, not the design): the projection takes this share and shows
 * the measured one beside it.
 */
export function busiestShareAtVolume(weights: readonly number[], shards: readonly number[], bundleIds: readonly string[], events = EVENTS_AT_VOLUME): number {
  return Math.max(
    ...weights.map((weight, i) => {
      if (shards[i] <= 1) return weight;
      const counts = new Array<number>(shards[i]).fill(0);
      for (let e = 0; e < events; e++) counts[runShardOf(bundleIds[i], deliveryEvent.fresh(), shards[i], true)]++;
      return (weight * Math.max(...counts)) / events;
    }),
  );
}
