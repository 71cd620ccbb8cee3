// One page of runs for the filters in the address, the bundle names, and, when the list is
// filtered by a bundle, its runs per hour for the chart. Never more than a page at a time.
import { api } from "#lib/api/index.ts";
import { runsApi } from "#lib/api/runs.ts";
import { apiFilter, PAGE_SIZE, readRunQuery } from "#lib/components/runs/run-filter.ts";
import type { PageLoad } from "./$types";

export const load: PageLoad = async ({ params, url, fetch }) => {
  const query = readRunQuery(url.searchParams);
  const [page, bundles, stats] = await Promise.all([
    runsApi.list(params.ws, { ...apiFilter(query), limit: PAGE_SIZE }, { fetch }),
    api.bundles(params.ws, { fetch }),
    query.bundle ? runsApi.stats(params.ws, query.bundle, 24, { fetch }).catch(() => null) : null
  ]);
  return { query, page, bundles: bundles.items.map((b) => ({ id: b.id, name: b.name })), stats: stats?.buckets ?? null };
};
