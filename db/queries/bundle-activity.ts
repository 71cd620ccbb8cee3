// What the bundle list shows beside each bundle: its latest run and how many runs it had
// since a given moment (the start of the workspace's day). Two grouped queries for the
// whole workspace, not one per bundle.
import { and, desc, eq, gte, sql } from "drizzle-orm";
import { run } from "../schema";
import type { WorkspaceScope } from "./workspace-scope";

export interface BundleActivity {
  lastRun: { id: string; status: string; startedAt: Date } | null;
  runsSince: number;
}

export async function bundleActivity(s: WorkspaceScope, since: Date): Promise<Map<string, BundleActivity>> {
  const [latest, counts] = await Promise.all([
    // The newest run of each bundle: created_at equal to the bundle's maximum (ties: the first row wins below).
    s.db
      .select({ id: run.id, bundleId: run.bundleId, status: run.status, startedAt: run.startedAt, createdAt: run.createdAt })
      .from(run)
      .where(
        and(
          eq(run.workspaceId, s.workspaceId),
          sql`${run.createdAt} = (SELECT max(r2.created_at) FROM run r2 WHERE r2.bundle_id = ${run.bundleId})`,
        ),
      )
      .orderBy(desc(run.id)),
    s.db
      .select({ bundleId: run.bundleId, count: sql<number>`count(*)` })
      .from(run)
      .where(and(eq(run.workspaceId, s.workspaceId), gte(run.createdAt, since)))
      .groupBy(run.bundleId),
  ]);
  const activity = new Map<string, BundleActivity>();
  const entry = (bundleId: string) => {
    let a = activity.get(bundleId);
    if (!a) activity.set(bundleId, (a = { lastRun: null, runsSince: 0 }));
    return a;
  };
  for (const r of latest) {
    const a = entry(r.bundleId);
    // a queued run has not started yet: it counts from when it was created
    a.lastRun ??= { id: r.id, status: r.status, startedAt: r.startedAt ?? r.createdAt };
  }
  for (const c of counts) entry(c.bundleId).runsSince = Number(c.count);
  return activity;
}
