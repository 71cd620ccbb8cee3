// One run with its step logs, and the name of its bundle.
import { api } from "#lib/api/index.ts";
import { notFoundAs } from "#lib/api/page-error.ts";
import { runsApi } from "#lib/api/runs.ts";
import { t } from "#lib/i18n/index.svelte.ts";
import type { PageLoad } from "./$types";

export const load: PageLoad = async ({ params, fetch }) => {
  const [run, bundles] = await Promise.all([
    runsApi.get(params.ws, params.run_id, { fetch }).catch(notFoundAs(t("run.not_found"))),
    api.bundles(params.ws, { fetch })
  ]);
  return { run, bundleName: bundles.items.find((b) => b.id === run.bundle_id)?.name ?? null };
};
