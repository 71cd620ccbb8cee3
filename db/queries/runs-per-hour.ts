// How many runs a bundle had in each hour, by status: the run chart on the runs page.
// One grouped query over the (bundle_id, created_at) index, so it stays cheap for busy bundles.
import { and, eq, gte, sql } from "drizzle-orm";
import { run } from "../schema";
import type { WorkspaceScope } from "./workspace-scope";

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
export async function runsPerHour(s: WorkspaceScope, bundleId: string, hours: number, now = Date.now()): Promise<HourBucket[]> {
  const firstHour = Math.floor(now / HOUR_MS) - hours + 1;
  // a literal divisor: D1 binds numbers as REAL, which would make the division fractional
  const hourOf = sql<number>`${run.createdAt} / ${sql.raw(String(HOUR_MS))}`;
  const rows = await s.db
    .select({
      hour: hourOf,
      succeeded: sql<number>`sum(${run.status} = 'success')`,
      failed: sql<number>`sum(${run.status} = 'failed')`,
      total: sql<number>`count(*)`,
    })
    .from(run)
    .where(and(eq(run.workspaceId, s.workspaceId), eq(run.bundleId, bundleId), gte(run.createdAt, new Date(firstHour * HOUR_MS))))
    .groupBy(hourOf);
  const byHour = new Map(rows.map((r) => [Number(r.hour), r]));
  return Array.from({ length: hours }, (_, i) => {
    const hour = firstHour + i;
    const r = byHour.get(hour);
    const succeeded = Number(r?.succeeded ?? 0);
    const failed = Number(r?.failed ?? 0);
    return { hour: new Date(hour * HOUR_MS), succeeded, failed, other: Number(r?.total ?? 0) - succeeded - failed };
  });
}
