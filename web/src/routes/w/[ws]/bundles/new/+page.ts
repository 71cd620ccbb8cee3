// A new bundle: the editor with an empty document; the first save creates it.
import type { PageLoad } from "./$types";
import { editorData } from "../editor-data.ts";

export const load: PageLoad = async ({ params, fetch }) => editorData(params.ws, fetch);
