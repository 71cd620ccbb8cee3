// The runs page's filters as they sit in the address (?bundle=&status=&from=&to=, dates as
// the user's local days) and as the API takes them (ISO instants, `to` exclusive).
import type { RunFilter, RunStatus } from "#lib/api/types.ts";
import { RUN_STATUSES } from "../../../../../db/ledger/run-status.ts";

export interface RunQuery {
  bundle: string;
  status: RunStatus | "";
  /** YYYY-MM-DD, local. */
  from: string;
  to: string;
}

/** Runs per page of the list (and per live refresh of its first page). */
export const PAGE_SIZE = 50;

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The start of a local day, `plusDays` later, as an ISO instant; undefined for a malformed day. */
function localDay(day: string, plusDays = 0): string | undefined {
  const m = DAY.exec(day);
  return m ? new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + plusDays).toISOString() : undefined;
}

export function readRunQuery(params: URLSearchParams): RunQuery {
  const status = params.get("status") ?? "";
  return {
    bundle: params.get("bundle") ?? "",
    status: (RUN_STATUSES as readonly string[]).includes(status) ? (status as RunStatus) : "",
    from: DAY.test(params.get("from") ?? "") ? params.get("from")! : "",
    to: DAY.test(params.get("to") ?? "") ? params.get("to")! : ""
  };
}

export function runQueryString(q: RunQuery): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(q)) if (value) params.set(key, value);
  const text = params.toString();
  return text ? `?${text}` : "";
}

/** The API filter: the "to" day is included, so the range ends at the start of the next day. */
export function apiFilter(q: RunQuery): RunFilter {
  return {
    bundle_id: q.bundle || undefined,
    status: q.status || undefined,
    from: q.from ? localDay(q.from) : undefined,
    to: q.to ? localDay(q.to, 1) : undefined
  };
}
