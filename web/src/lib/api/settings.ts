// Typed calls for the workspace settings.
import { request, type RequestOptions } from "./client.ts";
import type { WorkspaceSettings } from "./types.ts";

type Opts = Pick<RequestOptions, "fetch">;
const path = (ws: string) => `/w/${encodeURIComponent(ws)}/settings`;

export const settingsApi = {
  get: (ws: string, opts?: Opts) => request<WorkspaceSettings>("GET", path(ws), opts),
  save: (ws: string, body: Partial<WorkspaceSettings>) => request<WorkspaceSettings>("PATCH", path(ws), { body })
};
