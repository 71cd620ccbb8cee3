// Every share link of the workspace's bundles (every member may list them).
import { shareApi } from "#lib/api/shares.ts";
import type { PageLoad } from "./$types";

export const load: PageLoad = async ({ params, fetch }) => ({ links: (await shareApi.list(params.ws, fetch)).items });
