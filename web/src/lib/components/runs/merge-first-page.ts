// Live updates of the runs list: a fresh copy of the first page updates the runs already shown,
// puts new ones on top and drops those that no longer match the filters (a "running" filter
// loses a run when it ends), without losing the pages loaded with "Load more".
import type { Run, RunPage } from "#lib/api/types.ts";

export function mergeFirstPage(shown: Run[], fresh: RunPage): Run[] {
  const freshById = new Map(fresh.items.map((r) => [r.id, r]));
  const known = new Set(shown.map((r) => r.id));
  // The fresh page covers everything created since its oldest run (or everything, if it is the only page).
  const oldest = fresh.items.at(-1);
  const covers = (r: Run) => !fresh.next_cursor || (oldest !== undefined && r.created_at >= oldest.created_at);
  // fresh is newest first, so a run not shown yet is newer than everything shown
  const added = fresh.items.filter((r) => !known.has(r.id));
  const kept = shown.flatMap((r) => {
    const update = freshById.get(r.id);
    if (update) return [update];
    return covers(r) ? [] : [r];
  });
  return [...added, ...kept];
}
