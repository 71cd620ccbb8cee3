// How far a Google Sheets bundle's sync has got (GET /w/:ws/bundles/:id/sync): the next row to read
// and the runs started from new rows, how many are finished. The bundle page shows it while a
// sheet with many rows is worked through.
import { createRoute, z } from "@hono/zod-openapi";
import { getBundle } from "../../db/queries/bundles";
import { workspaceMember } from "../http/access";
import { NotFound } from "../errors";
import { NO_SUCH_BUNDLE } from "../http/messages";
import { workspaceLedgers } from "../runs/workspace-ledgers";
import { sheetSyncPosition } from "../schedule/poll-sheet";
import { bearerSecurity, errors, jsonResponse, newRouter, WorkspaceParam } from "../http/router";
import { SheetSync } from "./schemas/runs";

const sync = createRoute({
  tags: ["runs"],
  security: bearerSecurity,
  middleware: [workspaceMember],
  method: "get",
  path: "/w/{ws}/bundles/{id}/sync",
  summary: "Progress of the bundle's sheet sync: the last row read, runs started from new rows and how many finished",
  request: { params: WorkspaceParam.extend({ id: z.string().openapi({ param: { name: "id", in: "path" } }) }) },
  responses: {
    200: jsonResponse(SheetSync, "Sync progress (zeros and a null row before the first read)"),
    ...errors(401, 404),
  },
});

export const bundleSyncRoutes = newRouter().openapi(sync, async (c) => {
  const scope = c.get("scope");
  const { id } = c.req.valid("param");
  const [bundle, ledgers, position] = await Promise.all([getBundle(scope, id), workspaceLedgers(c.env, scope), sheetSyncPosition(scope, id)]);
  if (!bundle) throw new NotFound(NO_SUCH_BUNDLE, "/id");
  const runs = position ? await ledgers.bundleRunProgress(id, position.since) : { started: 0, open: 0, finished: 0, failed: 0 };
  return c.json({ next_row: position?.row ?? null, runs }, 200);
});
