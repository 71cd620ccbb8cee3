// /embed/:token — the Worker serves this page with the link's frame-ancestors (worker/routes/embed.ts).
import { loadShare } from "#lib/components/sharing/load-share.ts";
import type { PageLoad } from "./$types";

export const load: PageLoad = async ({ params, fetch }) => ({ loaded: await loadShare(params.token, fetch) });
