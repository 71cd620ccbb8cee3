// A bundle's trigger source by hand (issue 6): load one real sample as the bundle's test data,
// and reset a polling trigger's cursor. Editors and up; the source is read for real.
import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { getBundle, setBundleTestData } from "../../db/queries/bundles";
import { deleteCursor } from "../../db/queries/schedule";
import type { Bundle } from "../flow";
import { requireRole, workspaceMember } from "../http/access";
import type { AppEnv } from "../http/context";
import { Conflict, NoSample, NotFound } from "../errors";
import { assertInBounds, MAX_DOCUMENT_BYTES } from "../json/bounds";
import { NO_SUCH_BUNDLE } from "../http/messages";
import { bearerSecurity, errors, jsonResponse, newRouter, WorkspaceParam } from "../http/router";
import { isPolling } from "../schedule/bundle-schedule";
import { readingSource } from "../schedule/source-failure";
import { loadTriggerSample } from "../schedule/trigger-sample";
import { LoadedTestData } from "./schemas/bundle-trigger";

const base = { tags: ["bundles"], security: bearerSecurity, middleware: [workspaceMember] };
const BundleParams = WorkspaceParam.extend({ id: z.string().openapi({ param: { name: "id", in: "path" } }) });

const load = createRoute({
  ...base,
  method: "post",
  path: "/w/{ws}/bundles/{id}/test-data/load",
  summary: "Fetch one real sample from the trigger's source and store it as the bundle's test data",
  description:
    "Sheets: the last data row, mapped by header (the poll's cursor does not move). Webhook and VK: the last stored delivery. " +
    "Schedule: the next scheduled time. Manual: the trigger's sample. After another bundle: that bundle's last finished run, as chaining passes it. " +
    "409 `no_sample` when the source has nothing yet; 400 `too_large` or `too_deep` (path under `/test_data`) when the sample is past the bounds of test data.",
  request: { params: BundleParams },
  responses: { 200: jsonResponse(LoadedTestData, "The sample, now stored"), ...errors(400, 401, 403, 404, 409) },
});

const reset = createRoute({
  ...base,
  method: "post",
  path: "/w/{ws}/bundles/{id}/cursor/reset",
  summary: "Forget where a polling trigger has read up to: its next poll primes again and starts no run",
  request: { params: BundleParams },
  responses: { 200: jsonResponse(z.object({ cursor: z.null() }), "The cursor is gone"), ...errors(401, 403, 404, 409) },
});

/** The bundle these routes act on, for an editor or higher. */
async function editableBundle(c: Context<AppEnv>, id: string) {
  requireRole(c, "editor");
  const bundle = await getBundle(c.get("scope"), id);
  if (!bundle) throw new NotFound(NO_SUCH_BUNDLE, "/id");
  return { scope: c.get("scope"), bundle };
}

export const bundleTriggerRoutes = newRouter()
  .openapi(load, async (c) => {
    const { id } = c.req.valid("param");
    const { scope, bundle } = await editableBundle(c, id);
    const sample = await readingSource(loadTriggerSample(c.env, scope, bundle));
    if ("missing" in sample) throw new NoSample(sample.missing, "/trigger");
    assertInBounds(sample.data, "/test_data", MAX_DOCUMENT_BYTES);
    await setBundleTestData(scope, id, sample.data);
    return c.json({ test_data: sample.data, source: sample.source }, 200);
  })
  .openapi(reset, async (c) => {
    const { id } = c.req.valid("param");
    const { scope, bundle } = await editableBundle(c, id);
    if (!isPolling(bundle.document as Bundle)) throw new Conflict({ en: "Only a polling trigger (Google Sheets new rows) has a cursor to reset.", ru: "Курсор есть только у опрашивающего триггера (новые строки Google Таблиц); сбрасывать здесь нечего." }, "/trigger");
    await deleteCursor(scope, id);
    return c.json({ cursor: null }, 200);
  });
