// Typed calls for the templates gallery (docs/api.md "Templates").
import { request } from "./client.ts";
import type { BundleRef, BundleTemplateList } from "./types.ts";

export const templatesApi = {
  /** In the dashboard's language (the client sends it as Accept-Language). */
  list: (fetch?: typeof globalThis.fetch) => request<BundleTemplateList>("GET", "/templates", { fetch }),
  /** `connections`: placeholder → connection id. */
  use: (workspaceId: string, template: string, connections: Record<string, string>) =>
    request<BundleRef>("POST", `/w/${encodeURIComponent(workspaceId)}/bundles/from-template`, { body: { template, connections } })
};
