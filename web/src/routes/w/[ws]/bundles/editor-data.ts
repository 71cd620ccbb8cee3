// What both editor pages load: the connector catalogue and the workspace's connections.
import { bundleApi } from "#lib/api/bundles.ts";

export async function editorData(workspaceId: string, fetch: typeof globalThis.fetch) {
  const [catalogue, connections] = await Promise.all([bundleApi.catalogue(fetch), bundleApi.connections(workspaceId, fetch)]);
  return { apps: catalogue.apps, connections: connections.items };
}
