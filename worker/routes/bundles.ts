// Bundles (rest-api.md "Bundles"): list (with each bundle's last run and runs today), create
// (disabled), read, update (each save is a new version), duplicate, delete, enable/disable,
// version history. Editors and up change bundles; viewers read.
import { createRoute, z } from "@hono/zod-openapi";
import {
  deleteBundle,
  getBundle,
  getBundleVersion,
  insertBundle,
  listBundles,
  listBundleVersions,
  rotateWebhookToken,
  saveBundleVersion,
  setBundleEnabled,
  type BundleRow,
} from "../../db/queries/bundles";
import type { BundleActivity } from "../../db/ledger/queries/activity";
import { getSettings } from "../../db/queries/settings";
import { assertNoChainCycle } from "../bundles/chain-cycle";
import { startOfDay } from "../bundles/start-of-day";
import { validBundleOrThrow } from "../bundles/validate-for-workspace";
import type { Bundle } from "../flow";
import { refreshNextRun } from "../schedule/bundle-schedule";
import type { WorkspaceScope } from "../../db/queries/workspace-scope";
import { audit } from "../audit/record";
import { auditDetail } from "../audit/details";
import { localeOf, readText, type Locale } from "../i18n";
import type { Context } from "hono";
import type { AppEnv } from "../http/context";
import type { Env } from "../env";
import { assertBundleQuota } from "../quotas/enforce";
import { requireRole, workspaceMember } from "../http/access";
import { NotFound } from "../errors";
import { assertInBounds, MAX_DOCUMENT_BYTES } from "../json/bounds";
import { NO_SUCH_BUNDLE } from "../http/messages";
import { workspaceLedgers, WorkspaceLedgers } from "../runs/workspace-ledgers";
import { bearerSecurity, errors, jsonBody, jsonResponse, newRouter, WorkspaceParam } from "../http/router";
import { BundleDetail, BundleDocument, BundleList, BundleRef, BundleSummary, BundleVersionList, CreatedBundle, VersionDocument } from "./schemas/bundles";

const BundleParams = WorkspaceParam.extend({ id: z.string().openapi({ param: { name: "id", in: "path" } }) });
const base = { tags: ["bundles"], security: bearerSecurity, middleware: [workspaceMember] };

function triggerOf(document: unknown) {
  const trigger = (document as { trigger?: { app?: string; event?: string } })?.trigger;
  return { app: trigger?.app ?? "", event: trigger?.event ?? "" };
}

/** Triggers that receive deliveries at the bundle's public URL. */
const INSTANT_APPS = new Set(["webhook", "vk"]);

function webhookUrl(origin: string, b: Pick<BundleRow, "document" | "webhookToken">) {
  return INSTANT_APPS.has(triggerOf(b.document).app) ? `${origin}/hooks/${b.webhookToken}` : null;
}

/** Where the app is served, and the reader's language (for the pause reason). */
interface Reader {
  origin: string;
  locale: Locale;
}

function summary(
  { origin, locale }: Reader,
  b: Pick<BundleRow, "id" | "name" | "enabled" | "version" | "pausedReason" | "document" | "updatedAt" | "webhookToken" | "nextRunAt">,
) {
  return {
    id: b.id,
    name: b.name,
    enabled: b.enabled,
    version: b.version,
    paused_reason: b.pausedReason === null ? null : readText(b.pausedReason, locale),
    trigger: triggerOf(b.document),
    webhook_url: webhookUrl(origin, b),
    next_run_at: b.nextRunAt?.toISOString() ?? null,
    updated_at: b.updatedAt.toISOString(),
  };
}

function listItem(reader: Reader, b: Parameters<typeof summary>[1], activity: BundleActivity | undefined) {
  const last = activity?.lastRun;
  return {
    ...summary(reader, b),
    last_run: last ? { id: last.id, status: last.status, started_at: last.startedAt.toISOString() } : null,
    runs_today: activity?.runsSince ?? 0,
  };
}

function detail(reader: Reader, b: BundleRow) {
  return {
    ...summary(reader, b),
    document: b.document as Bundle,
    test_data: b.testData ?? null,
    created_at: b.createdAt.toISOString(),
  };
}

const list = createRoute({
  ...base,
  method: "get",
  path: "/w/{ws}/bundles",
  summary: "Bundles of the workspace, most recently changed first, each with its last run and runs today",
  request: { params: WorkspaceParam },
  responses: { 200: jsonResponse(BundleList, "Bundles"), ...errors(401, 404) },
});

const duplicate = createRoute({
  ...base,
  method: "post",
  path: "/w/{ws}/bundles/{id}/duplicate",
  summary: 'Copy a bundle: a new, disabled bundle named "<name> (copy)" with the same document',
  request: { params: BundleParams },
  responses: { 201: jsonResponse(BundleRef, "The copy"), ...errors(400, 401, 403, 404) },
});

const create = createRoute({
  ...base,
  method: "post",
  path: "/w/{ws}/bundles",
  summary: "Create a bundle (disabled) from a bundle/1 document",
  request: { params: WorkspaceParam, ...jsonBody(BundleDocument) },
  responses: {
    201: jsonResponse(CreatedBundle, "Created"),
    ...errors(400, 401, 403, 404, 413),
  },
});

const rotate = createRoute({
  ...base,
  method: "post",
  path: "/w/{ws}/bundles/{id}/webhook/rotate",
  summary: "Give the bundle a new webhook URL; the old one stops working at once",
  request: { params: BundleParams },
  responses: { 200: jsonResponse(z.object({ webhook_url: z.string() }), "The new URL"), ...errors(401, 403, 404) },
});

const get = createRoute({
  ...base,
  method: "get",
  path: "/w/{ws}/bundles/{id}",
  summary: "A bundle with its current document",
  request: { params: BundleParams },
  responses: { 200: jsonResponse(BundleDetail, "The bundle"), ...errors(401, 404) },
});

const update = createRoute({
  ...base,
  method: "put",
  path: "/w/{ws}/bundles/{id}",
  summary: "Save a new version of the bundle",
  request: { params: BundleParams, ...jsonBody(BundleDocument) },
  responses: { 200: jsonResponse(BundleRef, "Saved"), ...errors(400, 401, 403, 404, 413) },
});

const remove = createRoute({
  ...base,
  method: "delete",
  path: "/w/{ws}/bundles/{id}",
  summary: "Delete a bundle and its runs",
  request: { params: BundleParams },
  responses: { 204: { description: "Deleted" }, ...errors(401, 403, 404) },
});

const toggle = (action: "enable" | "disable") =>
  createRoute({
    ...base,
    method: "post",
    path: `/w/{ws}/bundles/{id}/${action}`,
    summary: action === "enable" ? "Turn the bundle on (clears an automatic pause)" : "Turn the bundle off",
    request: { params: BundleParams },
    responses: { 200: jsonResponse(BundleSummary, "The bundle"), ...errors(401, 403, 404) },
  });

const versions = createRoute({
  ...base,
  method: "get",
  path: "/w/{ws}/bundles/{id}/versions",
  summary: "Saved versions, newest first",
  request: { params: BundleParams },
  responses: {
    200: jsonResponse(BundleVersionList, "Versions"),
    ...errors(401, 404),
  },
});

const version = createRoute({
  ...base,
  method: "get",
  path: "/w/{ws}/bundles/{id}/versions/{version}",
  summary: "The document of one saved version",
  request: { params: BundleParams.extend({ version: z.coerce.number().int().min(1).openapi({ param: { name: "version", in: "path" } }) }) },
  responses: { 200: jsonResponse(VersionDocument, "The version"), ...errors(400, 401, 404) },
});

/** Where the dashboard and the webhook URLs live: PUBLIC_URL, else the origin this request came to. */
const originOf = (c: { env: { PUBLIC_URL?: string }; req: { url: string } }) => (c.env.PUBLIC_URL || new URL(c.req.url).origin).replace(/\/+$/, "");
const readerOf = (c: Context<AppEnv>): Reader => ({ origin: originOf(c), locale: localeOf(c) });

/**
 * Turns a bundle on or off and sets when it is next polled or ticked; returns it as it now is.
 * Turned on, its failed runs in a row count afresh: cleared first, so a bundle paused after N
 * failures that stays off when this fails half-way does not pause again at its next failure.
 */
async function switchBundle(env: Env, scope: WorkspaceScope, id: string, enabled: boolean): Promise<BundleRow> {
  if (enabled) await (await workspaceLedgers(env, scope)).clearFailureStreak(id);
  if (!(await setBundleEnabled(scope, id, enabled))) throw notFound();
  const bundle = (await getBundle(scope, id))!;
  const nextRunAt = await refreshNextRun(scope, id, bundle.document as Bundle, enabled);
  return { ...bundle, nextRunAt };
}

/** "<name> (copy)", kept within the format's 200 characters. */
function copyName(name: string): string {
  const suffix = " (copy)";
  return name.slice(0, 200 - suffix.length) + suffix;
}

const notFound = () => new NotFound(NO_SUCH_BUNDLE, "/id");

export const bundleRoutes = newRouter()
  .openapi(list, async (c) => {
    const scope = c.get("scope");
    const { timezone, ledgerShards, ledgerSpread } = await getSettings(scope);
    const ledgers = new WorkspaceLedgers(c.env, scope.workspaceId, { shards: ledgerShards, spread: ledgerSpread });
    const [rows, activity] = await Promise.all([listBundles(scope), ledgers.bundleActivity(startOfDay(new Date(), timezone))]);
    return c.json({ items: rows.map((b) => listItem(readerOf(c), b, activity.get(b.id))) }, 200);
  })
  .openapi(create, async (c) => {
    requireRole(c, "editor");
    const scope = c.get("scope");
    const bundle = await validBundleOrThrow(scope, c.req.valid("json"));
    await assertBundleQuota(c.env, scope, bundle, true);
    const id = crypto.randomUUID();
    await assertNoChainCycle(scope, id, bundle);
    const principal = c.get("principal");
    await insertBundle(scope, id, bundle.name, bundle, principal.kind === "user" ? principal.userId : null);
    await audit(c, "bundle.created", id, bundle.name);
    return c.json({ id, version: 1, webhook_url: webhookUrl(originOf(c), (await getBundle(scope, id))!) }, 201);
  })
  .openapi(duplicate, async (c) => {
    requireRole(c, "editor");
    const scope = c.get("scope");
    const original = await getBundle(scope, c.req.valid("param").id);
    if (!original) throw notFound();
    const name = copyName(original.name);
    const copy = { ...(original.document as Bundle), name };
    // A document saved before the bounds existed is not copied past them.
    assertInBounds(copy, "", MAX_DOCUMENT_BYTES);
    await assertBundleQuota(c.env, scope, copy, true);
    const id = crypto.randomUUID();
    const principal = c.get("principal");
    await insertBundle(scope, id, name, copy, principal.kind === "user" ? principal.userId : null);
    await audit(c, "bundle.created", id, auditDetail.copyOf(name, original.id));
    return c.json({ id, version: 1 }, 201);
  })
  .openapi(rotate, async (c) => {
    requireRole(c, "editor");
    const token = await rotateWebhookToken(c.get("scope"), c.req.valid("param").id);
    if (!token) throw notFound();
    await audit(c, "bundle.webhook_rotated", c.req.valid("param").id);
    return c.json({ webhook_url: `${originOf(c)}/hooks/${token}` }, 200);
  })
  .openapi(get, async (c) => {
    const b = await getBundle(c.get("scope"), c.req.valid("param").id);
    if (!b) throw notFound();
    return c.json(detail(readerOf(c), b), 200);
  })
  .openapi(update, async (c) => {
    requireRole(c, "editor");
    const scope = c.get("scope");
    const { id } = c.req.valid("param");
    if (!(await getBundle(scope, id))) throw notFound();
    const bundle = await validBundleOrThrow(scope, c.req.valid("json"));
    await assertBundleQuota(c.env, scope, bundle);
    await assertNoChainCycle(scope, id, bundle);
    const principal = c.get("principal");
    const saved = await saveBundleVersion(scope, id, bundle.name, bundle, principal.kind === "user" ? principal.userId : null);
    if (!saved) throw notFound();
    await refreshNextRun(scope, id, bundle, (await getBundle(scope, id))!.enabled);
    await audit(c, "bundle.updated", id, auditDetail.version(saved));
    return c.json({ id, version: saved }, 200);
  })
  .openapi(remove, async (c) => {
    requireRole(c, "editor");
    if (!(await deleteBundle(c.get("scope"), c.req.valid("param").id))) throw notFound();
    await audit(c, "bundle.deleted", c.req.valid("param").id);
    return c.body(null, 204);
  })
  .openapi(toggle("enable"), async (c) => {
    requireRole(c, "editor");
    const { id } = c.req.valid("param");
    const switched = await switchBundle(c.env, c.get("scope"), id, true);
    await audit(c, "bundle.enabled", id);
    return c.json(summary(readerOf(c), switched), 200);
  })
  .openapi(toggle("disable"), async (c) => {
    requireRole(c, "editor");
    const { id } = c.req.valid("param");
    const switched = await switchBundle(c.env, c.get("scope"), id, false);
    await audit(c, "bundle.disabled", id);
    return c.json(summary(readerOf(c), switched), 200);
  })
  .openapi(versions, async (c) => {
    const scope = c.get("scope");
    const { id } = c.req.valid("param");
    if (!(await getBundle(scope, id))) throw notFound();
    const rows = await listBundleVersions(scope, id);
    return c.json({ items: rows.map((v) => ({ version: v.version, created_at: v.createdAt.toISOString(), created_by: v.createdBy })) }, 200);
  })
  .openapi(version, async (c) => {
    const { id, version: n } = c.req.valid("param");
    const row = await getBundleVersion(c.get("scope"), id, n);
    if (!row) throw new NotFound({ en: `Bundle version ${n} not found.`, ru: `Версия ${n} связки не найдена.` }, "/version");
    return c.json({ version: row.version, document: row.document as Bundle }, 200);
  });
