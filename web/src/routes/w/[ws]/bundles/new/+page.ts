// A new bundle: the templates gallery and the editor with an empty document (the first save
// creates it), or, with ?template=<id>, that template's set-up.
import type { PageLoad } from "./$types";
import { templatesApi } from "#lib/api/templates.ts";
import { editorData } from "../editor-data.ts";

export const load: PageLoad = async ({ params, fetch }) => {
  const [editor, templates] = await Promise.all([editorData(params.ws, fetch), templatesApi.list(fetch)]);
  return { ...editor, templates: templates.items };
};
