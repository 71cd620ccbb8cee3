// The workspace settings, and its Telegram connections (a place to send failure notifications).
import { connectionsApi } from "#lib/api/connections.ts";
import { settingsApi } from "#lib/api/settings.ts";
import type { PageLoad } from "./$types";

export const load: PageLoad = async ({ params, fetch }) => {
  const [settings, connections] = await Promise.all([settingsApi.get(params.ws, { fetch }), connectionsApi.list(params.ws, { fetch })]);
  return { settings, telegramConnections: connections.items.filter((c) => c.app === "telegram") };
};
