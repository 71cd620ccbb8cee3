// A workspace's runs over its run ledgers (docs/scale.md "When one workspace outgrows its
// ledger"): split into `shards` by bundle, each bundle's new runs in shardOf(bundle) — a spread
// bundle's by bundle and event, over every shard (runShardOf). What reads one bundle asks its
// shard, or every shard for a spread bundle; what reads the whole workspace (the runs list, a
// run by id, the bundle list's activity, the month's count) asks every shard at once and
// merges. Shards and the spread list only grow, so every run recorded since is in one of
// 0..shards-1 and a spread bundle's older runs are in its home shard. With one shard each
// reader is the one ledger's RPC, as before the split.
import { ledgerLayoutOf, type LedgerLayout } from "../../db/queries/settings";
import type { WorkspaceScope } from "../../db/queries/workspace-scope";
import { mergeActivity, mergeHourBuckets, mergeRunProgress, type HourBucket, type RunProgress } from "../../db/ledger/queries/activity";
import { mergeRecentRunTimes, mergeRunPages, newestRun, type LatestRunFilter, type RunFilter, type RunPage, type RunRow, type RunTimes } from "../../db/ledger/queries/runs";
import type { Env } from "../env";
import { ledgerOf, type Ledger } from "./ledger";
import { runShardOf, shardOf } from "./ledger-shard";

/** A run, the shard it was recorded in and that shard's ledger (its step logs are there too). */
export interface LocatedRun {
  run: RunRow;
  shard: number;
  ledger: Ledger;
}

/** The workspace's ledgers, its shard count and spread bundles read from D1. */
export async function workspaceLedgers(env: Pick<Env, "RUN_LEDGER">, scope: WorkspaceScope): Promise<WorkspaceLedgers> {
  return new WorkspaceLedgers(env, scope.workspaceId, await ledgerLayoutOf(scope));
}

export class WorkspaceLedgers {
  readonly shards: number;
  private readonly spread: ReadonlySet<string>;

  constructor(
    private readonly env: Pick<Env, "RUN_LEDGER">,
    readonly workspaceId: string,
    layout: LedgerLayout,
  ) {
    this.shards = layout.shards;
    this.spread = new Set(layout.spread);
  }

  /**
   * The shard a new run is recorded in. `stableEventKey`: what every key of its event shares
   * (a webhook dedupe window's key without its time bucket), so one event has one shard.
   */
  runShardOf(bundleId: string, stableEventKey: string): number {
    return runShardOf(bundleId, stableEventKey, this.shards, this.spread.has(bundleId));
  }

  /**
   * What one ledger lets through of a bundle URL's deliveries a second: the whole rate, or for
   * a spread bundle, whose deliveries land on every shard, each shard's share ⌈rate / N⌉ (as
   * with the runs quota; uneven hashing lets the URL take up to a share more or less).
   */
  deliveryRateShare(bundleId: string, perSecond: number): number {
    return this.spread.has(bundleId) ? Math.ceil(perSecond / this.shards) : perSecond;
  }

  /** The bundle's home shard: all its runs unless it is spread, and its sheet-row memory always. */
  homeShardOf(bundleId: string): number {
    return shardOf(bundleId, this.shards);
  }

  /** The newest run of a bundle that matches the filter, with its ledger (test data, "test this step", chained-trigger samples). */
  async latestRun(bundleId: string, filter?: LatestRunFilter): Promise<LocatedRun | undefined> {
    const shards = this.shardsOfBundle(bundleId);
    const found = await Promise.all(shards.map((n) => this.shard(n).latestRun(bundleId, filter)));
    const run = newestRun(found);
    if (!run) return undefined;
    const shard = shards[found.indexOf(run)];
    return { run, shard, ledger: this.shard(shard) };
  }

  /** A bundle's run chart: its runs per hour by status. */
  async bundleRunsPerHour(bundleId: string, hours: number): Promise<HourBucket[]> {
    return mergeHourBuckets(await this.eachOfBundle(bundleId, (ledger) => ledger.runsPerHour(bundleId, hours)));
  }

  /** A bundle's runs since a moment by how far they got (a sheet sync's progress). */
  async bundleRunProgress(bundleId: string, since: Date): Promise<RunProgress> {
    return mergeRunProgress(await this.eachOfBundle(bundleId, (ledger) => ledger.runProgress(bundleId, since)));
  }

  /** A bundle's latest runs as its status page shows them, newest first. */
  async recentRunTimes(bundleId: string, limit: number): Promise<RunTimes[]> {
    return mergeRecentRunTimes(await this.eachOfBundle(bundleId, (ledger) => ledger.recentRunTimes(bundleId, limit)), limit);
  }

  /** How many failure alerts a bundle sent since a moment (their hourly limit). */
  async countNotificationsSince(bundleId: string, since: Date): Promise<number> {
    return (await this.eachOfBundle(bundleId, (ledger) => ledger.countNotificationsSince(bundleId, since))).reduce((sum, n) => sum + n, 0);
  }

  /** Enabling the bundle: its failed runs in a row are counted afresh, in every shard that counts them. */
  async clearFailureStreak(bundleId: string): Promise<void> {
    await this.eachOfBundle(bundleId, (ledger) => ledger.clearFailureStreak(bundleId));
  }

  shard(n: number): Ledger {
    return ledgerOf(this.env, this.workspaceId, n);
  }

  /** A run by id, wherever it was recorded. */
  async findRun(id: string): Promise<LocatedRun | undefined> {
    const found = await this.each((ledger) => ledger.getRun(id));
    const shard = found.findIndex((run) => run !== undefined);
    return shard < 0 ? undefined : { run: found[shard]!, shard, ledger: this.shard(shard) };
  }

  /** The runs among `ids` that exist, wherever each was recorded. */
  async findRuns(ids: string[]): Promise<LocatedRun[]> {
    const found = await this.each((ledger) => ledger.getRuns(ids));
    return found.flatMap((runs, shard) => runs.map((run) => ({ run, shard, ledger: this.shard(shard) })));
  }

  /** A page of runs, newest first; the cursor is the same to every shard. Undefined for an unreadable cursor. */
  async listRuns(filter: RunFilter): Promise<RunPage | undefined> {
    const pages = await this.each((ledger) => ledger.listRuns(filter));
    return pages.every((p) => p !== undefined) ? mergeRunPages(pages, filter.limit) : undefined;
  }

  async bundleActivity(since: Date) {
    return mergeActivity(await this.each((ledger) => ledger.bundleActivity(since)));
  }

  /** Runs started this month, over all shards. */
  async runsInMonth(): Promise<number> {
    return (await this.each((ledger) => ledger.runsInMonth())).reduce((sum, n) => sum + n, 0);
  }

  /** Every shard keeps its own copy of a connection (connection-cache.ts). */
  async forgetConnection(id: string): Promise<void> {
    await this.each((ledger) => ledger.forgetConnection(id));
  }

  private each<T>(ask: (ledger: Ledger) => Promise<T>): Promise<T[]> {
    return Promise.all(Array.from({ length: this.shards }, (_, n) => ask(this.shard(n))));
  }

  /** The shards one bundle's runs may be in: its home shard, or all shards for a spread bundle. */
  private shardsOfBundle(bundleId: string): number[] {
    return this.spread.has(bundleId) ? Array.from({ length: this.shards }, (_, n) => n) : [this.homeShardOf(bundleId)];
  }

  /** Asks every ledger one bundle's runs may be in. */
  private eachOfBundle<T>(bundleId: string, ask: (ledger: Ledger) => Promise<T>): Promise<T[]> {
    return Promise.all(this.shardsOfBundle(bundleId).map((n) => ask(this.shard(n))));
  }
}
