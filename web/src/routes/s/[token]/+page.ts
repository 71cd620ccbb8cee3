// A share link: the shared bundle (or why the link is dead), and who is looking, if anyone
// is signed in (for "Use this bundle"). Public: no session needed.
import { api } from "#lib/api/index.ts";
import { loadShare } from "#lib/components/sharing/load-share.ts";
import type { PageLoad } from "./$types";

export const load: PageLoad = async ({ params, fetch }) => {
  const [loaded, me] = await Promise.all([
    loadShare(params.token, fetch),
    api.me({ fetch, allowUnauthorized: true }).catch(() => null)
  ]);
  return { loaded, me };
};
