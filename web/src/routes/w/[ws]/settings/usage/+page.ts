// The workspace's limits and how much of them is used; every member may see them.
import { auditApi } from "#lib/api/audit.ts";
import type { PageLoad } from "./$types";

export const load: PageLoad = async ({ params, fetch }) => ({ quotas: await auditApi.quotas(params.ws, { fetch }) });
