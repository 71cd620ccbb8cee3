// The run ledger: one Durable Object with SQLite per workspace, or per shard of a workspace
// split by bundle (decision 0020, workspace-ledgers.ts). It holds the runs (one per bundle +
// event), the result of every durable step, the step logs and the month's run count, and
// answers the runs pages. Its alarm keeps runs moving (re-sends the queue message of a run that
// stalled, wakes long waits), deletes what is older than the workspace's retention, and copies
// the month's count to D1 for the control plane, and splits the workspace further when this
// ledger has grown too big (ledger-split.ts).
import { DurableObject } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { migrateLedger, ledgerDatabase, type LedgerDb } from "../../db/ledger/client";
import { bundleActivity, busiestBundleSince, runProgress, runsPerHour } from "../../db/ledger/queries/activity";
import {
  clearFailureStreak,
  finishRun,
  listStalledRuns,
  listStepLogs,
  markSettled,
  nextRunCheck,
  recordStep,
  releaseRun,
  suspendRun,
  takeRun,
  touchRuns,
  type FinishOptions,
  type NewStepLog,
} from "../../db/ledger/queries/execution";
import { deleteRunsBefore, forgetStreaksWithoutRuns, notePayloads } from "../../db/ledger/queries/retention";
import { forgetSheetRows, recallSheetRows, rememberSheetRows, touchSheetRows, type RememberedRow } from "../../db/ledger/queries/sheet-rows";
import {
  countNotificationsSince,
  findRunByEvent,
  getRun,
  getRuns,
  latestRun,
  listRuns,
  markRunNotified,
  oldestRunAt,
  recentRunTimes,
  recordRunOnce,
  runsInMonth,
  usageMonth,
  type LatestRunFilter,
  type NewRun,
  type RunFilter,
} from "../../db/ledger/queries/runs";
import type { RunStatus } from "../../db/ledger/run-status";
import { meta, usage } from "../../db/ledger/schema";
import { database } from "../../db/client";
import { workspaceSettings, workspaceUsage } from "../../db/schema";
import { getConnection, type ConnectionRow } from "../../db/queries/connections";
import { openWorkspaceScope } from "../../db/queries/workspace-scope";
import { logEvent } from "../observability/log";
import { deletePayloads } from "./payloads";
import { DeliveryBuckets } from "./delivery-buckets";
import { splitWhenGrowing, SPLIT_POLICY, type SplitPolicy } from "./ledger-split";
import { runMessage, type RunMessage } from "./run-message";

/** How long a connection row read for runs is used before it is read again (connection-cache.ts). */
export const CONNECTION_CACHE_MS = 60_000;
/**
 * A run untouched this long with nobody holding it is handed to the queue again. Longer than a
 * busy queue's backlog usually lasts: a run merely waiting its turn is not sent twice.
 */
export const STALL_MS = 5 * 60_000;
/** How often the alarm looks while runs are unsettled. */
const CHECK_EVERY_MS = 60_000;
const SWEEP_BATCH = 100;
const RETENTION_EVERY_MS = 3_600_000;
const RETENTION_BATCH = 500;
const USAGE_FLUSH_EVERY_MS = 5 * 60_000;
const DEFAULT_RETENTION_DAYS = 30;
/** A sheet row a trigger handled is remembered until it has been gone from its sheet this long (docs/scheduling.md). */
export const SHEET_ROW_RETENTION_MS = 90 * 86_400_000;
/** The most sheet rows remembered per bundle; past it, those gone from the sheet longest go first. */
export const SHEET_ROWS_PER_BUNDLE = 200_000;
/** A full read notes the rows it found at most this often (a write per row). */
const SHEET_ROW_TOUCH_MS = 86_400_000;

export interface RecordRequest {
  workspaceId: string;
  /** Which shard of the workspace this ledger is: its re-sent messages and usage rows say so. */
  shard: number;
  run: NewRun;
  /** This ledger's share of the workspace's runs a month. */
  runsPerMonth: number;
  /** Webhook deliveries: the URL's bucket (bundle id) and the workspace's rate per second. */
  deliveryRate?: { key: string; perSecond: number };
  /** The same event may already be recorded under this key if it is recent enough (webhook dedupe windows). */
  sameEventAs?: { eventKey: string; withinMs: number };
  /** R2 keys of payloads the run's row points to. */
  payloadKeys?: string[];
}

export type RecordResult =
  | { kind: "created" | "existing"; run: ReturnType<typeof getRun> & {} }
  | { kind: "over_quota"; used: number }
  | { kind: "rate_limited"; retryAfterSeconds: number };

/** The bindings the ledger itself uses (not the Worker's whole Env, which names this class). */
export interface LedgerEnv {
  DB: D1Database;
  RUN_QUEUE: Queue<RunMessage>;
  PAYLOADS: R2Bucket;
}

/** The meta keys every `record` writes when they change; kept in memory too (recordMeta). */
const RECORD_META = new Set(["workspace_id", "shard", "share"]);

export class RunLedger extends DurableObject<LedgerEnv> {
  private readonly db: LedgerDb;
  private readonly buckets = new DeliveryBuckets();
  /** Connection rows runs read, with when they were read (connection-cache.ts). */
  private readonly connections = new Map<string, { row: ConnectionRow | undefined; at: number }>();
  private forgets = 0;
  /**
   * The meta rows `record` checks on every delivery (workspace, shard, quota share), as this
   * instance last read or wrote them: only this object writes them, and three queries a delivery
   * ran on the thread that answers webhooks. The alarm's timestamps are read from the table.
   */
  private readonly recordMeta = new Map<string, string | undefined>();
  /** The alarm as this instance last set it (undefined: none). */
  private alarmAt: number | undefined;
  /** When this ledger splits its workspace further (ledger-split.ts); tests set a small one. */
  splitPolicy: SplitPolicy = SPLIT_POLICY;

  constructor(ctx: DurableObjectState, env: LedgerEnv) {
    super(ctx, env);
    this.db = ledgerDatabase(ctx.storage);
    ctx.blockConcurrencyWhile(async () => {
      await migrateLedger(this.db);
      this.alarmAt = (await ctx.storage.getAlarm()) ?? undefined;
    });
  }

  // ── intake ──────────────────────────────────────────────────────────────────────────────

  record(req: RecordRequest): RecordResult {
    const now = Date.now();
    this.remember("workspace_id", req.workspaceId);
    this.remember("shard", String(req.shard));
    this.remember("share", String(req.runsPerMonth));
    if (req.deliveryRate) {
      const wait = this.buckets.take(req.deliveryRate.key, req.deliveryRate.perSecond, now);
      if (wait > 0) return { kind: "rate_limited", retryAfterSeconds: Math.ceil(wait / 1000) };
    }
    if (req.sameEventAs) {
      const earlier = findRunByEvent(this.db, req.run.bundleId, req.sameEventAs.eventKey);
      if (earlier && now - earlier.createdAt.getTime() < req.sameEventAs.withinMs) return { kind: "existing", run: earlier };
    }
    const outcome = recordRunOnce(this.db, req.run, req.runsPerMonth, now);
    if (outcome.kind === "created") {
      if (req.payloadKeys?.length) notePayloads(this.db, outcome.run.id, req.payloadKeys);
      this.alarmNoLaterThan(now + CHECK_EVERY_MS);
    }
    return outcome;
  }

  // ── executor ────────────────────────────────────────────────────────────────────────────

  /** Takes runs under leases, each on its own terms: the runs of one queue batch in one request. */
  take(runs: Array<{ runId: string; owner: string }>, leaseMs: number, maxDeliveries: number) {
    const now = Date.now();
    return runs.map(({ runId, owner }) => takeRun(this.db, runId, owner, leaseMs, maxDeliveries, now));
  }

  recordStep(runId: string, owner: string, name: string, value: unknown, logs: NewStepLog[], leaseMs: number, payloadKeys: string[] = []) {
    const ok = recordStep(this.db, runId, owner, name, value, logs, leaseMs, Date.now());
    if (ok && payloadKeys.length) notePayloads(this.db, runId, payloadKeys);
    return ok;
  }

  suspend(runId: string, owner: string, name: string, wakeAt: number, byAlarm: boolean, logs: NewStepLog[]) {
    const ok = suspendRun(this.db, runId, owner, name, wakeAt, byAlarm, logs, Date.now());
    if (ok && byAlarm) this.alarmNoLaterThan(wakeAt);
    return ok;
  }

  release(runId: string, owner: string, error: string) {
    releaseRun(this.db, runId, owner, error, Date.now());
  }

  finish(runId: string, status: RunStatus, error: string | null, logs: NewStepLog[], options?: FinishOptions) {
    return finishRun(this.db, runId, status, error, logs, Date.now(), options);
  }

  settle(runId: string) {
    markSettled(this.db, runId);
  }

  clearFailureStreak(bundleId: string) {
    clearFailureStreak(this.db, bundleId);
  }

  /** A connection of this workspace as runs use it, from memory when read within the minute. */
  async connection(id: string): Promise<ConnectionRow | undefined> {
    const now = Date.now();
    const cached = this.connections.get(id);
    if (cached && now - cached.at < CONNECTION_CACHE_MS) return cached.row;
    const workspaceId = this.recall("workspace_id");
    if (!workspaceId) return undefined;
    const forgetsBefore = this.forgets;
    const row = await getConnection(openWorkspaceScope(database(this.env), workspaceId), id);
    // A change told to forget while this read was under way may be newer than what it read.
    if (this.forgets === forgetsBefore) this.connections.set(id, { row, at: now });
    return row;
  }

  forgetConnection(id: string) {
    this.forgets++;
    this.connections.delete(id);
  }

  // ── sheet rows a Sheets trigger handled (worker/schedule/poll-sheet.ts) ─────────────────

  recallSheetRows(bundleId: string, identities: string[]) {
    return recallSheetRows(this.db, bundleId, identities);
  }

  rememberSheetRows(bundleId: string, rows: RememberedRow[]) {
    rememberSheetRows(this.db, bundleId, rows, Date.now());
    this.alarmNoLaterThan(Date.now() + RETENTION_EVERY_MS);
  }

  touchSheetRows(bundleId: string, identities: string[]) {
    const now = Date.now();
    touchSheetRows(this.db, bundleId, identities, now, now - SHEET_ROW_TOUCH_MS);
  }

  // ── reads for the API, the dashboard and run effects ────────────────────────────────────

  getRun(id: string) {
    return getRun(this.db, id);
  }

  getRuns(ids: string[]) {
    return getRuns(this.db, ids);
  }

  findRunByEvent(bundleId: string, eventKey: string) {
    return findRunByEvent(this.db, bundleId, eventKey);
  }

  listRuns(filter: RunFilter) {
    return listRuns(this.db, filter);
  }

  stepLogs(runId: string) {
    return listStepLogs(this.db, runId);
  }

  latestRun(bundleId: string, filter?: LatestRunFilter) {
    return latestRun(this.db, bundleId, filter);
  }

  bundleActivity(since: Date) {
    return bundleActivity(this.db, since);
  }

  runsPerHour(bundleId: string, hours: number, now = Date.now()) {
    return runsPerHour(this.db, bundleId, hours, now);
  }

  runProgress(bundleId: string, since: Date) {
    return runProgress(this.db, bundleId, since);
  }

  recentRunTimes(bundleId: string, limit: number) {
    return recentRunTimes(this.db, bundleId, limit);
  }

  countNotificationsSince(bundleId: string, since: Date) {
    return countNotificationsSince(this.db, bundleId, since);
  }

  markNotified(runId: string) {
    markRunNotified(this.db, runId, Date.now());
  }

  runsInMonth(at = Date.now()) {
    return runsInMonth(this.db, at);
  }

  // ── the alarm ───────────────────────────────────────────────────────────────────────────

  async alarm() {
    this.alarmAt = undefined;
    const now = Date.now();
    await this.resendStalled(now);
    if (now - Number(this.recall("retention_at") ?? 0) >= RETENTION_EVERY_MS) await this.applyRetention(now);
    if (now - Number(this.recall("usage_flushed_at") ?? 0) >= USAGE_FLUSH_EVERY_MS) {
      await this.flushUsage(now);
      await this.splitWhenGrowing(now);
    }
    this.scheduleNext(now);
  }

  /** Runs the sweeper (the alarm) would hand to the queue again now; for tests. */
  sweepNow() {
    return this.resendStalled(Date.now());
  }

  /** Applies the retention now; for tests and the operator. */
  applyRetentionNow() {
    return this.applyRetention(Date.now());
  }

  private async resendStalled(now: number) {
    const workspaceId = this.recall("workspace_id");
    if (!workspaceId) return [];
    const ids = listStalledRuns(this.db, now, STALL_MS, SWEEP_BATCH);
    if (ids.length === 0) return [];
    await this.env.RUN_QUEUE.sendBatch(ids.map((runId) => ({ body: runMessage(workspaceId, runId, this.shard()) })));
    touchRuns(this.db, ids, now);
    return ids;
  }

  private async applyRetention(now: number) {
    forgetSheetRows(this.db, now - SHEET_ROW_RETENTION_MS, SHEET_ROWS_PER_BUNDLE);
    const workspaceId = this.recall("workspace_id");
    if (!workspaceId) return;
    const row = await database(this.env).query.workspaceSettings.findFirst({ where: eq(workspaceSettings.workspaceId, workspaceId), columns: { logRetentionDays: true } });
    const days = row?.logRetentionDays ?? DEFAULT_RETENTION_DAYS;
    this.remember("retention_days", String(days));
    const before = new Date(now - days * 86_400_000);
    for (;;) {
      const { deleted, payloadKeys } = deleteRunsBefore(this.db, before, RETENTION_BATCH);
      if (payloadKeys.length) await deletePayloads(this.env, payloadKeys);
      if (deleted < RETENTION_BATCH) break;
    }
    forgetStreaksWithoutRuns(this.db);
    this.remember("retention_at", String(now));
  }

  /** Copies this month's run count to D1 (workspace_usage, this shard's row), when it changed. */
  private async flushUsage(now: number) {
    const workspaceId = this.recall("workspace_id");
    const month = usageMonth(now);
    const row = this.db.select().from(usage).where(eq(usage.month, month)).get();
    if (workspaceId && row && row.runs !== row.flushedRuns) {
      const shard = this.shard();
      await database(this.env)
        .insert(workspaceUsage)
        .values({ workspaceId, month, shard, runs: row.runs })
        .onConflictDoUpdate({ target: [workspaceUsage.workspaceId, workspaceUsage.month, workspaceUsage.shard], set: { runs: row.runs } });
      this.db.update(usage).set({ flushedRuns: row.runs }).where(eq(usage.month, month)).run();
    }
    this.remember("usage_flushed_at", String(now));
  }

  /** Raises the workspace's ledger_shards when this ledger is on course to hold too much (ledger-split.ts). */
  private async splitWhenGrowing(now: number) {
    const workspaceId = this.recall("workspace_id");
    const oldest = oldestRunAt(this.db);
    if (!workspaceId || oldest === undefined) return;
    const bytes = this.ctx.storage.sql.databaseSize;
    const split = this.recall("split_from");
    const since = split ? { ...(JSON.parse(split) as { bytes: number; at: number }), split: true } : { bytes: 0, at: oldest, split: false };
    const outcome = await splitWhenGrowing({
      scope: openWorkspaceScope(database(this.env), workspaceId),
      policy: this.splitPolicy,
      bytes,
      since,
      retentionDays: Number(this.recall("retention_days") ?? DEFAULT_RETENTION_DAYS),
      share: Number(this.recall("share") ?? Number.POSITIVE_INFINITY),
      busiestBundle: () => busiestBundleSince(this.db, new Date(since.at)),
      now,
    });
    if (outcome.kind === "raised" || outcome.kind === "spread") {
      this.remember("split_from", JSON.stringify({ bytes, at: now }));
      const spread = outcome.kind === "spread" ? { spread_bundle_id: outcome.bundleId } : {};
      logEvent("info", "ledger_split", { workspace_id: workspaceId, shard: this.shard(), bytes, from: outcome.from, to: outcome.to, ...spread });
    }
  }

  /** The next look: a stalled or waking run, else the next retention pass. */
  private scheduleNext(now: number) {
    const retention = Number(this.recall("retention_at") ?? now) + RETENTION_EVERY_MS;
    const runs = nextRunCheck(this.db, now, CHECK_EVERY_MS) ?? retention;
    this.alarmNoLaterThan(Math.max(now + 1000, Math.min(runs, retention)));
  }

  private alarmNoLaterThan(at: number) {
    if (this.alarmAt !== undefined && this.alarmAt <= at) return;
    this.alarmAt = at;
    void this.ctx.storage.setAlarm(at);
  }

  /** Which shard of its workspace this ledger is (0 for ledgers that recorded before the split existed). */
  private shard(): number {
    return Number(this.recall("shard") ?? 0);
  }

  private remember(key: string, value: string) {
    if (this.recall(key) === value) return;
    this.db.insert(meta).values({ key, value }).onConflictDoUpdate({ target: meta.key, set: { value } }).run();
    if (RECORD_META.has(key)) this.recordMeta.set(key, value);
  }

  private recall(key: string): string | undefined {
    if (!RECORD_META.has(key)) return this.readMeta(key);
    if (!this.recordMeta.has(key)) this.recordMeta.set(key, this.readMeta(key));
    return this.recordMeta.get(key);
  }

  private readMeta(key: string): string | undefined {
    return this.db.select().from(meta).where(eq(meta.key, key)).get()?.value;
  }
}
