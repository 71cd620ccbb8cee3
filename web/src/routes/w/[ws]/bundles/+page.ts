// The workspace's bundles, and the catalogue that names their triggers.
import { api } from "#lib/api/index.ts";
import { bundleApi } from "#lib/api/bundles.ts";
import type { PageLoad } from "./$types";

export const load: PageLoad = async ({ params, fetch }) => {
  const [{ items }, { apps }] = await Promise.all([api.bundles(params.ws, { fetch }), bundleApi.catalogue(fetch)]);
  return { bundles: items, apps };
};
