// Runs (rest-api.md "Runs"): force a run (with test data), list with filters and cursor
// pagination, read one with its step logs, retry one or many from the failed step or the start.
// A workspace split over several run ledgers is read through workspace-ledgers.ts.
import { createRoute, z } from "@hono/zod-openapi";
import { getBundle, setBundleTestData } from "../../db/queries/bundles";
import type { RunRow } from "../../db/ledger/queries/runs";
import type { WorkspaceScope } from "../../db/queries/workspace-scope";
import type { Env } from "../env";
import { redactJson } from "../redaction/json";
import { localeOf, readText, type Locale } from "../i18n";
import { startRun } from "../runs/intake";
import { manualEvent } from "../runs/manual-events";
import { loadPayload } from "../runs/payloads";
import { workspaceLedgers, type LocatedRun } from "../runs/workspace-ledgers";
import { manualSample, type Bundle } from "../flow";
import { isPolling } from "../schedule/bundle-schedule";
import { pollNow } from "../schedule/poll-now";
import { readingSource } from "../schedule/source-failure";
import { requireRole, workspaceMember } from "../http/access";
import { Conflict, NotFound, ValidationFailed } from "../errors";
import { assertInBounds, MAX_DOCUMENT_BYTES } from "../json/bounds";
import { NO_SUCH_BUNDLE, NO_SUCH_RUN, UNKNOWN_CURSOR } from "../http/messages";
import { bearerSecurity, errors, IdempotencyHeader, jsonBody, jsonResponse, newRouter, WorkspaceParam } from "../http/router";
import { isOpenRunStatus, RUN_STATUSES } from "../../db/ledger/run-status";
import { ForcedRun, RetriedRun, RetriedRuns, RunDetail, RunPage } from "./schemas/runs";
const base = { tags: ["runs"], security: bearerSecurity, middleware: [workspaceMember] };
const RetryFrom = z.enum(["failed_step", "start"]);
/** A date ("2026-11-23", midnight UTC) or a date-time with an offset. */
const Instant = z
  .union([z.iso.date(), z.iso.datetime({ offset: true })])
  .transform((s) => new Date(s))
  .openapi({ type: "string", example: "2026-11-23T00:00:00+03:00" });
const IdParams = WorkspaceParam.extend({ id: z.string().openapi({ param: { name: "id", in: "path" } }) });

/** Our messages in the reader's language (decision 0030); a bundle's own words as written. */
async function runJson(env: Env, r: RunRow, locale: Locale) {
  return {
    id: r.id,
    bundle_id: r.bundleId,
    bundle_version: r.bundleVersion,
    status: r.status,
    error: r.error === null ? null : readText(r.error, locale),
    // Shown like a step log: values under secret-looking keys masked (the run itself uses them as sent).
    trigger: redactJson(await loadPayload(env, r.trigger)),
    retry_of: r.retryOf,
    created_at: r.createdAt.toISOString(),
    started_at: r.startedAt?.toISOString() ?? null,
    finished_at: r.finishedAt?.toISOString() ?? null,
  };
}

const force = createRoute({
  ...base,
  method: "post",
  path: "/w/{ws}/bundles/{id}/run",
  summary: "Run the bundle now (force run), with `payload` as the trigger's data or the stored test data",
  request: {
    params: IdParams,
    headers: IdempotencyHeader,
    body: {
      content: { "application/json": { schema: z.object({ payload: z.unknown().optional(), save_as_test_data: z.boolean().optional() }) } },
      required: false,
    },
  },
  responses: {
    202: jsonResponse(ForcedRun, "Started; a polling bundle without `payload` polls now: `run_ids` of the new rows' runs (none when this first poll only primed the cursor)"),
    ...errors(400, 401, 403, 404, 409),
  },
});

const list = createRoute({
  ...base,
  method: "get",
  path: "/w/{ws}/runs",
  summary: "Runs, newest first",
  request: {
    params: WorkspaceParam,
    query: z.object({
      bundle_id: z.string().optional(),
      status: z.enum(RUN_STATUSES).optional(),
      from: Instant.optional().openapi({ description: "Runs created at or after this date (ISO)" }),
      to: Instant.optional().openapi({ description: "Runs created before this date (ISO)" }),
      cursor: z.string().optional(),
      limit: z.coerce.number().int().min(1).max(200).default(50),
    }),
  },
  responses: { 200: jsonResponse(RunPage, "Runs"), ...errors(400, 401, 404) },
});

const get = createRoute({
  ...base,
  method: "get",
  path: "/w/{ws}/runs/{id}",
  summary: "A run with each step's input, output, error and attempts",
  request: { params: IdParams },
  responses: { 200: jsonResponse(RunDetail, "The run"), ...errors(401, 404) },
});

const retry = createRoute({
  ...base,
  method: "post",
  path: "/w/{ws}/runs/{id}/retry",
  summary: "Run again: from the failed step (reusing what succeeded) or from the start",
  request: { params: IdParams, headers: IdempotencyHeader, ...jsonBody(z.object({ from: RetryFrom.default("failed_step") })) },
  responses: { 202: jsonResponse(RetriedRun, "Started"), ...errors(400, 401, 403, 404, 409) },
});

const MAX_BULK_RETRY = 100;

const bulkRetry = createRoute({
  ...base,
  method: "post",
  path: "/w/{ws}/runs/retry",
  summary: `Retry several ended runs at once (at most ${MAX_BULK_RETRY}); all or none are started`,
  request: {
    params: WorkspaceParam,
    headers: IdempotencyHeader,
    ...jsonBody(z.object({ run_ids: z.array(z.string()).min(1).max(MAX_BULK_RETRY), from: RetryFrom.default("failed_step") })),
  },
  responses: {
    202: jsonResponse(RetriedRuns, "Started, in the order asked"),
    ...errors(400, 401, 403, 404, 409),
  },
});

export const runRoutes = newRouter()
  .openapi(force, async (c) => {
    requireRole(c, "editor");
    const scope = c.get("scope");
    const { id } = c.req.valid("param");
    const bundle = await getBundle(scope, id);
    if (!bundle) throw new NotFound(NO_SUCH_BUNDLE, "/id");
    const body = (c.req.header("content-type")?.includes("json") ? c.req.valid("json") : undefined) ?? {};
    if (body.payload === undefined && isPolling(bundle.document as Bundle)) {
      const polled = await readingSource(pollNow(c.env, scope, bundle));
      return c.json({ run_ids: polled.runIds, polled: true as const, primed: polled.primed }, 202);
    }
    assertInBounds(body.payload, "/payload", body.save_as_test_data ? MAX_DOCUMENT_BYTES : undefined);
    if (body.payload !== undefined && body.save_as_test_data) await setBundleTestData(scope, id, body.payload);
    const trigger = body.payload ?? bundle.testData ?? manualSample(bundle.document as Bundle) ?? {};
    const { run } = await startRun(c.env, scope, {
      bundleId: id,
      bundleVersion: bundle.version,
      eventKey: manualEvent.run(c.req.valid("header")["idempotency-key"]),
      trigger,
    });
    return c.json({ run_id: run.id }, 202);
  })
  .openapi(list, async (c) => {
    const q = c.req.valid("query");
    const ledgers = await workspaceLedgers(c.env, c.get("scope"));
    const page = await ledgers.listRuns({ bundleId: q.bundle_id, status: q.status, from: q.from, to: q.to, cursor: q.cursor, limit: q.limit });
    if (!page) throw new ValidationFailed(UNKNOWN_CURSOR, "/cursor");
    return c.json({ items: await Promise.all(page.items.map((r) => runJson(c.env, r, localeOf(c)))), next_cursor: page.nextCursor }, 200);
  })
  .openapi(get, async (c) => {
    const scope = c.get("scope");
    const found = await (await workspaceLedgers(c.env, scope)).findRun(c.req.valid("param").id);
    if (!found) throw new NotFound(NO_SUCH_RUN, "/id");
    const { run, ledger } = found;
    const steps = (await ledger.stepLogs(run.id)).map((s) => ({
      id: s.stepId,
      status: s.status,
      attempt: s.attempt,
      input: s.input,
      output: s.output,
      error: s.error === null ? null : readText(s.error, localeOf(c)),
      notes: ((s.notes as unknown[] | null) ?? []).map((note) => readText(note, localeOf(c))),
      started_at: s.startedAt.toISOString(),
      duration_ms: s.durationMs,
    }));
    return c.json({ ...(await runJson(c.env, run, localeOf(c))), steps }, 200);
  })
  .openapi(retry, async (c) => {
    requireRole(c, "editor");
    const scope = c.get("scope");
    const old = await (await workspaceLedgers(c.env, scope)).findRun(c.req.valid("param").id);
    if (!old) throw new NotFound(NO_SUCH_RUN, "/id");
    if (isGoing(old.run)) throw new Conflict({ en: "The run is still going; retry it when it has ended.", ru: "Запуск ещё идёт; повторите его, когда он закончится." });
    const run = await retryRun(c.env, scope, old, c.req.valid("json").from, c.req.valid("header")["idempotency-key"]);
    return c.json({ run_id: run.id }, 202);
  })
  .openapi(bulkRetry, async (c) => {
    requireRole(c, "editor");
    const scope = c.get("scope");
    const { run_ids: ids, from } = c.req.valid("json");
    const found = new Map((await (await workspaceLedgers(c.env, scope)).findRuns(ids)).map((r) => [r.run.id, r]));
    // Checked before any is started, so a bad id leaves nothing half done.
    ids.forEach((id, i) => {
      const old = found.get(id);
      if (!old) throw new NotFound({ en: `No run ${id} in this workspace.`, ru: `Запуска ${id} нет в этом рабочем пространстве.` }, `/run_ids/${i}`);
      if (isGoing(old.run)) throw new Conflict({ en: `Run ${id} is still going; retry it when it has ended.`, ru: `Запуск ${id} ещё идёт; повторите его, когда он закончится.` }, `/run_ids/${i}`);
    });
    const items = [];
    for (const id of new Set(ids)) {
      const run = await retryRun(c.env, scope, found.get(id)!, from, c.req.valid("header")["idempotency-key"]);
      items.push({ run_id: run.id, retry_of: id });
    }
    return c.json({ items }, 202);
  });

const isGoing = (r: RunRow) => isOpenRunStatus(r.status);

/** Starts a new run with the old one's trigger data, in the old one's shard (its step outputs are reused from there). */
async function retryRun(env: Env, scope: WorkspaceScope, { run: old, shard }: LocatedRun, from: z.infer<typeof RetryFrom>, idempotencyKey?: string) {
  const bundle = await getBundle(scope, old.bundleId);
  if (!bundle) throw new NotFound({ en: "The bundle of this run no longer exists.", ru: "Связки этого запуска больше нет." }, "/id");
  // Retrying from the failed step replays the same version, so the reused outputs fit the steps.
  const version = from === "failed_step" ? old.bundleVersion : bundle.version;
  const { run } = await startRun(
    env,
    scope,
    {
      bundleId: old.bundleId,
      bundleVersion: version,
      eventKey: manualEvent.retry(old.id, idempotencyKey),
      trigger: await loadPayload(env, old.trigger),
      retryOf: old.id,
      retryFrom: from,
    },
    { shard },
  );
  return run;
}
