// The member list. A 403 is not a failure of the page: it says who may manage this instead.
import { api, ApiError } from "#lib/api/index.ts";
import type { PageLoad } from "./$types";

export const load: PageLoad = async ({ params, fetch }) => {
  try {
    const { items } = await api.members(params.ws, { fetch });
    return { members: items, forbidden: false };
  } catch (e) {
    if (e instanceof ApiError && e.status === 403) return { members: [], forbidden: true };
    throw e;
  }
};
