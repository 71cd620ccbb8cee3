// The workspace's API keys. A 403 is not a failure of the page: it says who may manage this instead.
import { api, ApiError } from "#lib/api/index.ts";
import type { PageLoad } from "./$types";

export const load: PageLoad = async ({ params, fetch }) => {
  try {
    const { items } = await api.apiKeys(params.ws, { fetch });
    return { keys: items, forbidden: false };
  } catch (e) {
    if (e instanceof ApiError && e.status === 403) return { keys: [], forbidden: true };
    throw e;
  }
};
