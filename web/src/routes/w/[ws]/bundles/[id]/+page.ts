// One bundle in the editor, with what the editor needs around it: the catalogue, the
// connections, and the newest run (its data are the variable picker's samples).
import { bundleApi } from "#lib/api/bundles.ts";
import { notFoundAs } from "#lib/api/page-error.ts";
import { t } from "#lib/i18n/index.svelte.ts";
import type { PageLoad } from "./$types";
import { editorData } from "../editor-data.ts";

export const load: PageLoad = async ({ params, fetch }) => {
  const [bundle, data, runs] = await Promise.all([
    bundleApi.get(params.ws, params.id, fetch).catch(notFoundAs(t("bundle.not_found"))),
    editorData(params.ws, fetch),
    bundleApi.runs(params.ws, params.id, 1, fetch)
  ]);
  const lastRun = runs.items[0] ? await bundleApi.runDetail(params.ws, runs.items[0].id, fetch) : null;
  return { bundle, lastRun, ...data };
};
