// Aggregates over a workspace's runs for the dashboard: each bundle's latest run and count
// since a moment (the bundle list), and a bundle's runs per hour by status (the run chart).
import { and, desc, eq, gte, sql } from "drizzle-orm";
import type { LedgerDb } from "../client";
import type { RunStatus } from "../run-status";
import { run } from "../schema";

export interface BundleActivity {
  lastRun: { id: string; status: RunStatus; startedAt: Date } | null;
  runsSince: number;
}

export function bundleActivity(db: LedgerDb, since: Date): Map<string, BundleActivity> {
  // The newest run of each bundle: created_at equal to the bundle's maximum (ties: the first row wins below).
  const latest = db
    .select({ id: run.id, bundleId: run.bundleId, status: run.status, startedAt: run.startedAt, createdAt: run.createdAt })
    .from(run)
    .where(sql`${run.createdAt} = (SELECT max(r2.created_at) FROM run r2 WHERE r2.bundle_id = ${run.bundleId})`)
    .orderBy(desc(run.id))
    .all();
  const counts = db
    .select({ bundleId: run.bundleId, count: sql<number>`count(*)` })
    .from(run)
    .where(gte(run.createdAt, since))
    .groupBy(run.bundleId)
    .all();
  const activity = new Map<string, BundleActivity>();
  const entry = (bundleId: string) => {
    let a = activity.get(bundleId);
    if (!a) activity.set(bundleId, (a = { lastRun: null, runsSince: 0 }));
    return a;
  };
  // a queued run has not started yet: it counts from when it was created
  for (const r of latest) entry(r.bundleId).lastRun ??= { id: r.id, status: r.status, startedAt: r.startedAt ?? r.createdAt };
  for (const c of counts) entry(c.bundleId).runsSince = Number(c.count);
  return activity;
}

/**
 * The activity of a workspace split over several ledgers. A bundle's runs are in one ledger,
 * except after the split grew: then its older runs are in its former one, so counts add up and
 * the newer latest run wins.
 */
export function mergeActivity(maps: Map<string, BundleActivity>[]): Map<string, BundleActivity> {
  if (maps.length === 1) return maps[0];
  const merged = new Map<string, BundleActivity>();
  for (const map of maps) {
    for (const [bundleId, a] of map) {
      const seen = merged.get(bundleId);
      if (!seen) merged.set(bundleId, a);
      else merged.set(bundleId, { lastRun: newer(seen.lastRun, a.lastRun), runsSince: seen.runsSince + a.runsSince });
    }
  }
  return merged;
}

const newer = (a: BundleActivity["lastRun"], b: BundleActivity["lastRun"]) => (!a || (b && b.startedAt > a.startedAt) ? b : a);

const HOUR_MS = 3_600_000;

export interface HourBucket {
  /** The start of the hour (UTC). */
  hour: Date;
  succeeded: number;
  failed: number;
  /** queued, running, stopped or filtered. */
  other: number;
}

/** The last `hours` whole hours up to and including the current one, oldest first, empty hours as zeros. */
export function runsPerHour(db: LedgerDb, bundleId: string, hours: number, now: number): HourBucket[] {
  const firstHour = Math.floor(now / HOUR_MS) - hours + 1;
  const hourOf = sql<number>`${run.createdAt} / ${sql.raw(String(HOUR_MS))}`;
  const rows = db
    .select({
      hour: hourOf,
      succeeded: sql<number>`sum(${run.status} = 'success')`,
      failed: sql<number>`sum(${run.status} = 'failed')`,
      total: sql<number>`count(*)`,
    })
    .from(run)
    .where(and(eq(run.bundleId, bundleId), gte(run.createdAt, new Date(firstHour * HOUR_MS))))
    .groupBy(hourOf)
    .all();
  const byHour = new Map(rows.map((r) => [Number(r.hour), r]));
  return Array.from({ length: hours }, (_, i) => {
    const hour = firstHour + i;
    const r = byHour.get(hour);
    const succeeded = Number(r?.succeeded ?? 0);
    const failed = Number(r?.failed ?? 0);
    return { hour: new Date(hour * HOUR_MS), succeeded, failed, other: Number(r?.total ?? 0) - succeeded - failed };
  });
}

/** One chart out of several ledgers' charts of the same hours (a spread bundle's): the counts add. */
export function mergeHourBuckets(charts: HourBucket[][]): HourBucket[] {
  if (charts.length === 1) return charts[0];
  return charts[0].map((bucket, i) => ({
    hour: bucket.hour,
    succeeded: charts.reduce((sum, c) => sum + c[i].succeeded, 0),
    failed: charts.reduce((sum, c) => sum + c[i].failed, 0),
    other: charts.reduce((sum, c) => sum + c[i].other, 0),
  }));
}

/** A bundle's runs created since a moment, by how far they got (a sheet sync's progress). */
export interface RunProgress {
  started: number;
  /** queued or running */
  open: number;
  finished: number;
  failed: number;
}

export function runProgress(db: LedgerDb, bundleId: string, since: Date): RunProgress {
  const [row] = db
    .select({
      started: sql<number>`count(*)`,
      open: sql<number>`coalesce(sum(${run.status} in ('queued', 'running')), 0)`,
      failed: sql<number>`coalesce(sum(${run.status} = 'failed'), 0)`,
    })
    .from(run)
    .where(and(eq(run.bundleId, bundleId), gte(run.createdAt, since)))
    .all();
  const started = Number(row?.started ?? 0);
  const open = Number(row?.open ?? 0);
  return { started, open, finished: started - open, failed: Number(row?.failed ?? 0) };
}

/** One progress out of several ledgers' (a spread bundle's): the counts add. */
export function mergeRunProgress(parts: RunProgress[]): RunProgress {
  return parts.reduce((sum, p) => ({ started: sum.started + p.started, open: sum.open + p.open, finished: sum.finished + p.finished, failed: sum.failed + p.failed }), {
    started: 0,
    open: 0,
    finished: 0,
    failed: 0,
  });
}

/** The bundle with the most runs created since a moment, and its share of all of them (a ledger's hot bundle, ledger-split.ts). */
export function busiestBundleSince(db: LedgerDb, since: Date): { bundleId: string; share: number } | undefined {
  const rows = db
    .select({ bundleId: run.bundleId, runs: sql<number>`count(*)` })
    .from(run)
    .where(gte(run.createdAt, since))
    .groupBy(run.bundleId)
    .orderBy(desc(sql`count(*)`))
    .all();
  const total = rows.reduce((sum, r) => sum + Number(r.runs), 0);
  return rows.length === 0 ? undefined : { bundleId: rows[0].bundleId, share: Number(rows[0].runs) / total };
}
