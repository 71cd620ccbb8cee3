// The first page of the audit log. A 403 is not a failure of the page: it says who may see it.
import { ApiError } from "#lib/api/index.ts";
import { auditApi } from "#lib/api/audit.ts";
import type { PageLoad } from "./$types";

export const load: PageLoad = async ({ params, fetch }) => {
  try {
    return { first: await auditApi.list(params.ws, {}, { fetch }), forbidden: false };
  } catch (e) {
    if (e instanceof ApiError && e.status === 403) return { first: { items: [], next_cursor: null }, forbidden: true };
    throw e;
  }
};
