// The workspace's bundles.
import { api } from "#lib/api/index.ts";
import type { PageLoad } from "./$types";

export const load: PageLoad = async ({ params, fetch }) => {
  const { items } = await api.bundles(params.ws, { fetch });
  return { bundles: items };
};
