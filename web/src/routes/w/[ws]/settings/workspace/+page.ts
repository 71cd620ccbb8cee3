// The workspace settings, its Telegram connections (a place to send failure notifications) and
// its bundles (the ones to spread over the run ledgers, by name).
import { api } from "#lib/api/index.ts";
import { connectionsApi } from "#lib/api/connections.ts";
import { settingsApi } from "#lib/api/settings.ts";
import type { PageLoad } from "./$types";

export const load: PageLoad = async ({ params, fetch }) => {
  const [settings, connections, bundles] = await Promise.all([settingsApi.get(params.ws, { fetch }), connectionsApi.list(params.ws, { fetch }), api.bundles(params.ws, { fetch })]);
  return {
    settings,
    telegramConnections: connections.items.filter((c) => c.app === "telegram"),
    bundles: bundles.items.map((b) => ({ id: b.id, name: b.name }))
  };
};
