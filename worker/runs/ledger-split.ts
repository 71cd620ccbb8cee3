// A ledger that is filling up splits its workspace further by itself (decision 0032;
// docs/scale.md "When one workspace outgrows its ledger"). Every few minutes its alarm projects
// what it will hold once a full retention window of runs is kept: its SQLite size now, and the
// rate it has grown at since it last split (or since its oldest run) over the retention window.
// When that passes STEADY_BYTES it multiplies the workspace's ledger_shards by the power of two
// that brings its own share under it. Doubling splits every shard's bundles in two (shardOf is a
// hash modulo N: a bundle of shard s moves to s or s + N), so this shard's new runs halve with
// each doubling, and the runs it holds stay readable where they are. One bundle that makes most
// of the growth would not split that way (all its runs stay in one shard, whatever N is): that
// bundle is spread over the shards by event instead (ledger_spread), with N raised so its own
// share fits.
import { usageMonth } from "../../db/ledger/queries/runs";
import { busiestShardRuns } from "../../db/queries/quotas";
import { ledgerLayoutOf, MAX_LEDGER_SHARDS, MAX_LEDGER_SPREAD, saveSettings } from "../../db/queries/settings";
import type { WorkspaceScope } from "../../db/queries/workspace-scope";

export interface SplitPolicy {
  /** What one shard may hold in its steady state: 0.4 of a Durable Object's 10 GB (docs/scale.md). */
  steadyBytes: number;
  /** Smaller ledgers never split: a burst in a small ledger is not a trend. */
  floorBytes: number;
  /** The growth rate is read over at least this long. */
  observeMs: number;
}

export const SPLIT_POLICY: SplitPolicy = { steadyBytes: 4_000_000_000, floorBytes: 1_000_000_000, observeMs: 6 * 3_600_000 };

/** A bundle with more than this share of a shard's runs makes most of its growth: it is spread rather than the shards multiplied. */
export const HOT_BUNDLE_SHARE = 0.5;

export type SplitOutcome =
  | { kind: "not_yet" }
  | { kind: "at_most"; shards: number }
  /** Splitting now would cut every shard's share of the month's runs below what one has already counted. */
  | { kind: "after_month"; shards: number; to: number }
  | { kind: "raised"; from: number; to: number }
  /** One bundle made most of the growth: its runs now spread over `to` shards by event. */
  | { kind: "spread"; bundleId: string; from: number; to: number };

export interface SplitCheck {
  scope: WorkspaceScope;
  policy: SplitPolicy;
  /** This shard's SQLite size now. */
  bytes: number;
  /** The size and time growth is measured from: the last split, else 0 bytes at the oldest run kept. */
  since: { bytes: number; at: number; split: boolean };
  retentionDays: number;
  /** This shard's share of the workspace's runs a month, as the intake last sent it. */
  share: number;
  /** The bundle with the most of this shard's runs since `since.at`, and its share of them (a grouped scan: asked only when the shard is over the steady size). */
  busiestBundle?: () => { bundleId: string; share: number } | undefined;
  now: number;
}

/** What the shard will hold with a full retention window at its present rate (the bytes it holds count until it has split once: they are that window, or part of it). */
export function projectedBytes(check: Pick<SplitCheck, "bytes" | "since" | "retentionDays" | "now">): number {
  const elapsed = Math.max(1, check.now - check.since.at);
  const atRate = ((check.bytes - check.since.bytes) / elapsed) * check.retentionDays * 86_400_000;
  return check.since.split ? atRate : Math.max(check.bytes, atRate);
}

/**
 * Raises the workspace's ledger_shards when this shard's projection is over the policy's
 * steady size. Not when every shard's quota share, cut by the same factor, would be under what
 * the busiest shard already counted this month: that shard would refuse runs until the month
 * ends (docs/scale.md); the check comes again, and the month's counts start afresh.
 */
export async function splitWhenGrowing(check: SplitCheck): Promise<SplitOutcome> {
  const { policy } = check;
  if (check.bytes < policy.floorBytes || check.now - check.since.at < policy.observeMs) return { kind: "not_yet" };
  const projected = projectedBytes(check);
  if (projected < policy.steadyBytes) return { kind: "not_yet" };
  const { shards, spread } = await ledgerLayoutOf(check.scope);
  const hot = hotBundle(check, spread);
  if (hot) {
    const to = shardsForSpread(projected * hot.share, shards, policy.steadyBytes);
    if (to > shards && (await wouldRefuseRuns(check, shards, to))) return { kind: "after_month", shards, to };
    await saveSettings(check.scope, { ledgerShards: to, ledgerSpread: [...spread, hot.bundleId] });
    return { kind: "spread", bundleId: hot.bundleId, from: shards, to };
  }
  if (shards >= MAX_LEDGER_SHARDS) return { kind: "at_most", shards };
  const to = Math.min(MAX_LEDGER_SHARDS, shards * Math.max(2, powerOfTwoOver(projected / policy.steadyBytes)));
  if (await wouldRefuseRuns(check, shards, to)) return { kind: "after_month", shards, to };
  await saveSettings(check.scope, { ledgerShards: to });
  return { kind: "raised", from: shards, to };
}

/**
 * The bundle to spread: one that made most of this shard's runs and is not spread yet (a spread
 * bundle already splits as N grows). None once the spread list is full: then N grows as ever.
 */
export function hotBundle(check: Pick<SplitCheck, "busiestBundle">, spread: readonly string[]): { bundleId: string; share: number } | undefined {
  const busiest = check.busiestBundle?.();
  if (!busiest || busiest.share <= HOT_BUNDLE_SHARE || spread.includes(busiest.bundleId) || spread.length >= MAX_LEDGER_SPREAD) return undefined;
  return busiest;
}

/** Spread, a bundle's runs split over N by event: N (never fewer than now) brings its own projected bytes under the steady size. */
export function shardsForSpread(bundleBytes: number, shards: number, steadyBytes: number): number {
  return Math.min(MAX_LEDGER_SHARDS, Math.max(shards, powerOfTwoOver(bundleBytes / steadyBytes)));
}

/** The least power of two at or above `ratio` (1 for ratios up to 1). */
function powerOfTwoOver(ratio: number): number {
  return 2 ** Math.max(0, Math.ceil(Math.log2(ratio + Number.EPSILON)));
}

/** Whether every shard's share of the month's runs, cut from `shards` to `to`, would be under what the busiest shard counted. */
async function wouldRefuseRuns(check: SplitCheck, shards: number, to: number): Promise<boolean> {
  const newShare = Math.floor((check.share * shards) / to);
  return (await busiestShardRuns(check.scope, usageMonth(check.now))) > newShare;
}
