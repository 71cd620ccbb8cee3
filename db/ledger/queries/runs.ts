// Runs in one workspace's ledger: recording them once per event under the month's quota,
// reading and listing them, and the executor's lease on a run.
import { and, desc, eq, getTableColumns, gte, inArray, like, lt, or, sql } from "drizzle-orm";
import type { LedgerDb } from "../client";
import { preparedOnce } from "../../prepared-once";
import { decodePageCursor, encodePageCursor } from "../../page-cursor";
import { run, usage } from "../schema";
import type { RunStatus } from "../run-status";
import { inList } from "./in-list";

export type RunRow = typeof run.$inferSelect;

/**
 * A run's columns but its trigger, which never changes once the run is recorded: statements that
 * write a run return these, and the caller puts back the trigger it has, rather than have the
 * stored one (compressed, decision 0032) inflated again.
 */
export const RUN_WITHOUT_TRIGGER = (({ trigger: _, ...columns }) => columns)(getTableColumns(run));

export interface NewRun {
  id: string;
  bundleId: string;
  bundleVersion: number;
  eventKey: string;
  trigger: unknown;
  retryOf?: string;
  retryFrom?: "failed_step" | "start";
}

/** "2026-12": the UTC month a run counts in. */
export const usageMonth = (at: Date | number) => new Date(at).toISOString().slice(0, 7);

export type RecordOutcome = { kind: "created"; run: RunRow } | { kind: "existing"; run: RunRow } | { kind: "over_quota"; used: number };

/**
 * Records a run unless the bundle already has one for this event, counting it against the
 * month's runs; over `runsPerMonth` nothing is recorded. One synchronous transaction, so
 * concurrent intakes can neither record an event twice nor go over the quota.
 */
export function recordRunOnce(db: LedgerDb, r: NewRun, runsPerMonth: number, now: number): RecordOutcome {
  const q = runQueries(db);
  return db.transaction(() => {
    const existing = findRunByEvent(db, r.bundleId, r.eventKey);
    if (existing) return { kind: "existing", run: existing };
    const month = usageMonth(now);
    const used = q.used.get({ month })?.runs ?? 0;
    if (used >= runsPerMonth) return { kind: "over_quota", used };
    q.count.run({ month });
    const created = q.insert.get({
      id: r.id,
      bundleId: r.bundleId,
      bundleVersion: r.bundleVersion,
      eventKey: r.eventKey,
      trigger: r.trigger ?? null,
      retryOf: r.retryOf ?? null,
      retryFrom: r.retryFrom ?? null,
      createdAt: new Date(now),
      touchedAt: now,
    })!;
    return { kind: "created", run: { ...created, trigger: r.trigger ?? null } };
  });
}

/** The statements of every delivery's record and every run's reads by id, built once per ledger. */
const runQueries = preparedOnce((db: LedgerDb) => ({
  byId: db.select().from(run).where(eq(run.id, sql.placeholder("id"))).prepare(),
  byEvent: db
    .select()
    .from(run)
    .where(and(eq(run.bundleId, sql.placeholder("bundleId")), eq(run.eventKey, sql.placeholder("eventKey"))))
    .prepare(),
  used: db.select({ runs: usage.runs }).from(usage).where(eq(usage.month, sql.placeholder("month"))).prepare(),
  count: db
    .insert(usage)
    .values({ month: sql.placeholder("month"), runs: 1 })
    .onConflictDoUpdate({ target: usage.month, set: { runs: sql`${usage.runs} + 1` } })
    .prepare(),
  insert: db
    .insert(run)
    .values({
      id: sql.placeholder("id"),
      bundleId: sql.placeholder("bundleId"),
      bundleVersion: sql.placeholder("bundleVersion"),
      eventKey: sql.placeholder("eventKey"),
      trigger: sql.placeholder("trigger"),
      retryOf: sql.placeholder("retryOf"),
      retryFrom: sql.placeholder("retryFrom"),
      status: "queued",
      createdAt: sql.placeholder("createdAt"),
      touchedAt: sql.placeholder("touchedAt"),
    })
    .returning(RUN_WITHOUT_TRIGGER)
    .prepare(),
}));

export function findRunByEvent(db: LedgerDb, bundleId: string, eventKey: string): RunRow | undefined {
  return runQueries(db).byEvent.get({ bundleId, eventKey });
}

export function getRun(db: LedgerDb, id: string): RunRow | undefined {
  return runQueries(db).byId.get({ id });
}

export function getRuns(db: LedgerDb, ids: string[]): RunRow[] {
  return ids.length ? db.select().from(run).where(inList(run.id, ids)).all() : [];
}

export interface RunFilter {
  bundleId?: string;
  status?: RunStatus;
  /** Created at or after this instant. */
  from?: Date;
  /** Created before this instant. */
  to?: Date;
  /** Opaque cursor from the previous page. */
  cursor?: string;
  limit: number;
}

export interface RunPage {
  items: RunRow[];
  nextCursor: string | null;
}

/** Newest first. Undefined for a cursor that cannot be read. */
export function listRuns(db: LedgerDb, f: RunFilter): RunPage | undefined {
  const conditions = [];
  if (f.bundleId) conditions.push(eq(run.bundleId, f.bundleId));
  if (f.status) conditions.push(eq(run.status, f.status));
  if (f.from) conditions.push(gte(run.createdAt, f.from));
  if (f.to) conditions.push(lt(run.createdAt, f.to));
  if (f.cursor) {
    const c = decodePageCursor(f.cursor);
    if (!c) return undefined;
    const at = new Date(c.at);
    conditions.push(or(lt(run.createdAt, at), and(eq(run.createdAt, at), lt(run.id, c.id)))!);
  }
  const rows = db
    .select()
    .from(run)
    .where(and(...conditions))
    .orderBy(desc(run.createdAt), desc(run.id))
    .limit(f.limit + 1)
    .all();
  const items = rows.slice(0, f.limit);
  return { items, nextCursor: rows.length > f.limit ? encodePageCursor(items[items.length - 1]) : null };
}

/**
 * One page out of the pages several ledgers gave for the same filter and cursor: the newest
 * `limit` of them all, and a cursor after the last one taken, so the next page asks every
 * ledger for what is older than it and nothing is skipped or shown twice.
 */
export function mergeRunPages(pages: RunPage[], limit: number): RunPage {
  if (pages.length === 1) return pages[0];
  const rows = pages.flatMap((p) => p.items).sort(newestFirst);
  const items = rows.slice(0, limit);
  const more = rows.length > limit || pages.some((p) => p.nextCursor !== null);
  return { items, nextCursor: more ? encodePageCursor(items[items.length - 1]) : null };
}

/** The order of listRuns: created_at, then id, both descending (ids are ASCII, so < matches SQLite's). */
function newestFirst(a: RunRow, b: RunRow): number {
  return b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
}

export interface LatestRunFilter {
  statuses?: readonly RunStatus[];
  /** Runs whose event key starts with one of these (e.g. the keys deliveries get). */
  eventPrefixes?: readonly string[];
}

/** The newest run of a bundle that matches the filter. */
export function latestRun(db: LedgerDb, bundleId: string, filter: LatestRunFilter = {}): RunRow | undefined {
  const conditions = [eq(run.bundleId, bundleId)];
  if (filter.statuses) conditions.push(inArray(run.status, [...filter.statuses]));
  if (filter.eventPrefixes) conditions.push(or(...filter.eventPrefixes.map((p) => like(run.eventKey, `${p}%`)))!);
  return db
    .select()
    .from(run)
    .where(and(...conditions))
    .orderBy(desc(run.createdAt), desc(run.id))
    .limit(1)
    .get();
}

/** The newest of the runs several ledgers found (a spread bundle's latest run in each). */
export function newestRun(runs: Array<RunRow | undefined>): RunRow | undefined {
  return runs.filter((r) => r !== undefined).sort(newestFirst)[0];
}

export type RunTimes = Pick<RunRow, "status" | "createdAt" | "startedAt" | "finishedAt">;

/** The bundle's latest runs as a status page shows them: status and times, never payloads. */
export function recentRunTimes(db: LedgerDb, bundleId: string, limit: number): RunTimes[] {
  return db
    .select({ status: run.status, createdAt: run.createdAt, startedAt: run.startedAt, finishedAt: run.finishedAt })
    .from(run)
    .where(eq(run.bundleId, bundleId))
    .orderBy(desc(run.createdAt), desc(run.id))
    .limit(limit)
    .all();
}

/** Several ledgers' recent runs of one bundle (a spread bundle's) as one list: newest first, `limit` at most. */
export function mergeRecentRunTimes(lists: RunTimes[][], limit: number): RunTimes[] {
  if (lists.length === 1) return lists[0];
  return lists
    .flat()
    .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())
    .slice(0, limit);
}

/** How many failure notifications this bundle sent since `since` (the per-bundle rate limit). */
export function countNotificationsSince(db: LedgerDb, bundleId: string, since: Date): number {
  return db
    .select({ n: sql<number>`count(*)` })
    .from(run)
    .where(and(eq(run.bundleId, bundleId), gte(run.notifiedAt, since)))
    .get()?.n ?? 0;
}

export function markRunNotified(db: LedgerDb, id: string, now: number) {
  db.update(run).set({ notifiedAt: new Date(now) }).where(eq(run.id, id)).run();
}

/** Runs started in the month of `at`. */
export function runsInMonth(db: LedgerDb, at: number): number {
  return db.select({ runs: usage.runs }).from(usage).where(eq(usage.month, usageMonth(at))).get()?.runs ?? 0;
}

/** When the oldest run this ledger keeps was created (undefined: none). */
export function oldestRunAt(db: LedgerDb): number | undefined {
  return db.select({ at: run.createdAt }).from(run).orderBy(run.createdAt).limit(1).get()?.at.getTime();
}
