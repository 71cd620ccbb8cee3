// The newest run of a bundle that matches a filter (index run_bundle_created_idx): the last
// delivery or the source bundle's last run for "load test data", the last successful run's
// outputs for "test this step".
import { and, desc, eq, inArray, like, or } from "drizzle-orm";
import { run } from "../schema";
import type { RunRow } from "./runs";
import type { WorkspaceScope } from "./workspace-scope";

export interface LatestRunFilter {
  statuses?: readonly string[];
  /** Runs whose event key starts with one of these (e.g. the keys deliveries get). */
  eventPrefixes?: readonly string[];
}

export async function latestRun(s: WorkspaceScope, bundleId: string, filter: LatestRunFilter = {}): Promise<RunRow | undefined> {
  const conditions = [eq(run.workspaceId, s.workspaceId), eq(run.bundleId, bundleId)];
  if (filter.statuses) conditions.push(inArray(run.status, [...filter.statuses]));
  if (filter.eventPrefixes) conditions.push(or(...filter.eventPrefixes.map((p) => like(run.eventKey, `${p}%`)))!);
  const [row] = await s.db
    .select()
    .from(run)
    .where(and(...conditions))
    .orderBy(desc(run.createdAt), desc(run.id))
    .limit(1);
  return row;
}
