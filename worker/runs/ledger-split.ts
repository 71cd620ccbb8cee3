// A ledger that fills up splits its workspace further by itself (decision 0032; docs/scale.md
// "When one workspace outgrows its ledger"). Its alarm looks at its own SQLite size every few
// minutes; once the shard has grown by SPLIT_GROWTH_BYTES since it last split (or since it began),
// it doubles the workspace's ledger_shards in D1. Doubling splits every shard's bundles in two
// (shardOf is a hash modulo N: a bundle of shard s moves to s or s + N), so this shard's new
// runs halve while the runs it holds stay readable where they are.
import { usageMonth } from "../../db/ledger/queries/runs";
import { busiestShardRuns } from "../../db/queries/quotas";
import { ledgerShardsOf, MAX_LEDGER_SHARDS, saveSettings } from "../../db/queries/settings";
import type { WorkspaceScope } from "../../db/queries/workspace-scope";

/**
 * Growth that makes a shard split: 0.4 of a Durable Object's 10 GB, so a shard that keeps
 * growing after its split still has room while its share of new runs halves.
 */
export const SPLIT_GROWTH_BYTES = 4_000_000_000;

export type SplitOutcome =
  | { kind: "not_yet" }
  | { kind: "at_most"; shards: number }
  /** Splitting now would halve every shard's share of the month's runs below what one has already counted. */
  | { kind: "after_month"; shards: number }
  | { kind: "raised"; from: number; to: number };

export interface SplitCheck {
  scope: WorkspaceScope;
  /** This shard's SQLite size now, and when it last split (0: never). */
  bytes: number;
  splitAtBytes: number;
  growthBytes: number;
  /** This shard's share of the workspace's runs a month, as the intake last sent it. */
  share: number;
  now: number;
}

/**
 * Raises the workspace's ledger_shards when this shard has grown enough. Not when every shard's
 * quota share, halved, would be under what the busiest shard already counted this month: that
 * shard would refuse runs until the month ends (docs/scale.md); the check comes again, and the
 * month's counts start afresh.
 */
export async function splitWhenGrown(check: SplitCheck): Promise<SplitOutcome> {
  if (check.bytes - check.splitAtBytes < check.growthBytes) return { kind: "not_yet" };
  const shards = await ledgerShardsOf(check.scope);
  if (shards >= MAX_LEDGER_SHARDS) return { kind: "at_most", shards };
  const to = Math.min(MAX_LEDGER_SHARDS, shards * 2);
  const newShare = Math.floor((check.share * shards) / to);
  if ((await busiestShardRuns(check.scope, usageMonth(check.now))) > newShare) return { kind: "after_month", shards };
  await saveSettings(check.scope, { ledgerShards: to });
  return { kind: "raised", from: shards, to };
}
