// The connector catalogue (the forms are built from it) and the workspace's connections.
import { connectionsApi } from "#lib/api/connections.ts";
import type { PageLoad } from "./$types";

export const load: PageLoad = async ({ params, fetch }) => {
  const [{ apps }, { items }] = await Promise.all([connectionsApi.apps({ fetch }), connectionsApi.list(params.ws, { fetch })]);
  return { apps: apps.filter((a) => a.connection !== null), connections: items };
};
