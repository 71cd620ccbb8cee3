// One run with its step logs, and the name of its bundle.
import { error } from "@sveltejs/kit";
import { api, ApiError } from "#lib/api/index.ts";
import { runsApi } from "#lib/api/runs.ts";
import { t } from "#lib/i18n/index.svelte.ts";
import type { PageLoad } from "./$types";

export const load: PageLoad = async ({ params, fetch }) => {
  const [run, bundles] = await Promise.all([
    runsApi.get(params.ws, params.run_id, { fetch }).catch((e: unknown) => {
      if (e instanceof ApiError && e.status === 404) error(404, t("run.not_found"));
      throw e;
    }),
    api.bundles(params.ws, { fetch })
  ]);
  return { run, bundleName: bundles.items.find((b) => b.id === run.bundle_id)?.name ?? null };
};
