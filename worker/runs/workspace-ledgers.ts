// A workspace's runs over its run ledgers (docs/scale.md "When one workspace outgrows its
// ledger"): split into `shards` by bundle, each bundle's new runs in shardOf(bundle). What reads
// one bundle asks its shard; what reads the whole workspace (the runs list, a run by id, the
// bundle list's activity, the month's count) asks every shard at once and merges. Shards only
// grow, so every run recorded since is in one of 0..shards-1. With one shard each reader is
// the one ledger's RPC, as before the split.
import { ledgerShardsOf } from "../../db/queries/settings";
import type { WorkspaceScope } from "../../db/queries/workspace-scope";
import { mergeActivity } from "../../db/ledger/queries/activity";
import { mergeRunPages, type RunFilter, type RunPage, type RunRow } from "../../db/ledger/queries/runs";
import type { Env } from "../env";
import { ledgerOf, shardOf, type Ledger } from "./ledger";

/** A run, the shard it was recorded in and that shard's ledger (its step logs are there too). */
export interface LocatedRun {
  run: RunRow;
  shard: number;
  ledger: Ledger;
}

/** The workspace's ledgers, its shard count read from D1. */
export async function workspaceLedgers(env: Pick<Env, "RUN_LEDGER">, scope: WorkspaceScope): Promise<WorkspaceLedgers> {
  return new WorkspaceLedgers(env, scope.workspaceId, await ledgerShardsOf(scope));
}

export class WorkspaceLedgers {
  constructor(
    private readonly env: Pick<Env, "RUN_LEDGER">,
    readonly workspaceId: string,
    readonly shards: number,
  ) {}

  /** The shard a bundle's new runs are recorded in. */
  shardOf(bundleId: string): number {
    return shardOf(bundleId, this.shards);
  }

  /** The ledger of a bundle's runs (those recorded since the split last grew). */
  ofBundle(bundleId: string): Ledger {
    return this.shard(this.shardOf(bundleId));
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
}
