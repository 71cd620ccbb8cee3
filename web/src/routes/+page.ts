// The start page: a signed-in user goes to their first workspace's bundles, anyone else to /login.
import { redirect } from "@sveltejs/kit";
import { resolve } from "$app/paths";
import { api, ApiError } from "#lib/api/index.ts";
import type { PageLoad } from "./$types";

export const load: PageLoad = async ({ fetch }) => {
  const me = await api.me({ fetch, allowUnauthorized: true }).catch((error: unknown) => {
    if (error instanceof ApiError && error.status === 401) redirect(307, resolve("/login"));
    throw error;
  });
  const first = me.workspaces[0];
  if (first) redirect(307, resolve("/w/[ws]/bundles", { ws: first.id }));
  return { me };
};
