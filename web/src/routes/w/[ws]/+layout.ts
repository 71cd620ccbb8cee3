// Every workspace page needs the signed-in user and their workspaces (for the switcher and the
// role); a workspace the user is not a member of is a 404.
import { error, redirect } from "@sveltejs/kit";
import { resolve } from "$app/paths";
import { api, ApiError } from "#lib/api/index.ts";
import { t } from "#lib/i18n/index.svelte.ts";
import type { LayoutLoad } from "./$types";

export const load: LayoutLoad = async ({ params, fetch }) => {
  const me = await api.me({ fetch, allowUnauthorized: true }).catch((e: unknown) => {
    if (e instanceof ApiError && e.status === 401) redirect(307, resolve("/login"));
    throw e;
  });
  const workspace = me.workspaces.find((w) => w.id === params.ws);
  if (!workspace) error(404, t("workspace.not_found"));
  return { me, workspace };
};
