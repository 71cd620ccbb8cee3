// Share links (issue 8; contract in docs/sharing.md): editors create a read-only link to a
// bundle (/s/:token, embeddable at /embed/:token), list and revoke them; anyone with the
// token reads the sanitised snapshot; a member of any workspace copies it into theirs.
import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { getBundle } from "../../db/queries/bundles";
import { insertShare, listShares, revokeShare } from "../../db/queries/shares";
import { database } from "../../db/client";
import { importDocument } from "../bundles/import-document";
import { requireRole, workspaceMember } from "../http/access";
import { appUrl } from "../links/app-url";
import type { AppEnv } from "../http/context";
import { NotFound, ValidationFailed } from "../errors";
import { NO_SUCH_BUNDLE } from "../http/messages";
import { bearerSecurity, errors, jsonBody, jsonResponse, newRouter, WorkspaceParam } from "../http/router";
import { shareLookupRule } from "../http/rate-limits";
import { sha256Hex } from "../bytes/sha256";
import { enforceRateLimit } from "../http/rate-limit";
import { publicDocument } from "../shares/public-document";
import { audit } from "../audit/record";
import { liveShareOrThrow, lookUpShare, publicShareJson } from "../shares/public-view";
import { generateShareToken } from "../shares/share-token";
import { BundleRef } from "./schemas/bundles";
import { CreatedShare, PublicShare, ShareList } from "./schemas/shares";

/** Caps token lookups per client address (enumeration), counted by the shared rate limiter. */
export async function limitShareLookup(c: Context<AppEnv>) {
  await enforceRateLimit(c, shareLookupRule);
}

const Origin = z.preprocess(
  (v) => (typeof v === "string" ? v.trim().replace(/\/+$/, "").toLowerCase() : v),
  z.string().regex(/^https?:\/\/(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)*(:\d{1,5})?$/, {
    error: 'An origin is a scheme and a host, e.g. "https://example.com" or "https://*.example.com".',
  }),
);

const FrameAncestors = z
  .union([z.literal("*"), z.array(Origin).min(1, { error: 'List at least one origin, or use "*" for any site.' }).max(20)])
  .openapi({ description: '"*" (any site) or the origins allowed to show the link in an iframe' });

const CreateShare = z
  .object({
    expires_at: z.iso.datetime({ offset: true }).nullable().optional().openapi({ description: "When the link stops working; null or absent: never" }),
    embed: z
      .object({
        frame_ancestors: FrameAncestors.optional().openapi({ description: 'Absent: "*" (the view is public anyway)' }),
        show_runs: z.int().min(0).max(20).optional().openapi({ description: "Show the bundle's status and its last N runs (no payloads); 0: none" }),
      })
      .optional()
      .openapi({ description: 'Absent: any site may embed the link, no runs shown' }),
  })
  .openapi("CreateShare");

const base = { tags: ["shares"], security: bearerSecurity, middleware: [workspaceMember] };
const IdParams = WorkspaceParam.extend({ id: z.string().openapi({ param: { name: "id", in: "path" } }) });

const create = createRoute({
  ...base,
  method: "post",
  path: "/w/{ws}/bundles/{id}/shares",
  summary: "Create a share link to a read-only snapshot of the bundle; the token is in this response only",
  request: { params: IdParams, ...jsonBody(CreateShare) },
  responses: { 201: jsonResponse(CreatedShare, "Created"), ...errors(400, 401, 403, 404) },
});

const list = createRoute({
  ...base,
  method: "get",
  path: "/w/{ws}/shares",
  summary: "Every share link of the workspace, revoked and expired ones too",
  request: { params: WorkspaceParam },
  responses: { 200: jsonResponse(ShareList, "Links"), ...errors(401, 404) },
});

const revoke = createRoute({
  ...base,
  method: "delete",
  path: "/w/{ws}/shares/{id}",
  summary: "Revoke a share link: it answers 404 from now on",
  request: { params: IdParams },
  responses: { 204: { description: "Revoked" }, ...errors(401, 403, 404) },
});

const use = createRoute({
  ...base,
  method: "post",
  path: "/w/{ws}/shares/use",
  summary: "Copy a shared bundle into this workspace (disabled), mapping its connection placeholders",
  request: {
    params: WorkspaceParam,
    ...jsonBody(
      z.object({
        token: z.string().min(1),
        connections: z.record(z.string(), z.string()).default({}).openapi({ description: "placeholder → connection id of this workspace" }),
      }),
    ),
  },
  responses: { 201: jsonResponse(BundleRef, "Copied (disabled)"), ...errors(400, 401, 403, 404, 410, 429) },
});

const read = createRoute({
  method: "get",
  path: "/shares/{token}",
  tags: ["shares"],
  summary: "The shared bundle (public: the token is the credential)",
  request: { params: z.object({ token: z.string().openapi({ param: { name: "token", in: "path" } }) }) },
  responses: { 200: jsonResponse(PublicShare, "The sanitised snapshot"), ...errors(404, 410, 429) },
});

function escapeAttribute(text: string) {
  return text.replaceAll("&", "&amp;").replaceAll('"', "&quot;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
}

function userIdOf(c: Context<AppEnv>) {
  const principal = c.get("principal");
  return principal.kind === "user" ? principal.userId : null;
}

export const shareRoutes = newRouter()
  .openapi(create, async (c) => {
    requireRole(c, "editor");
    const scope = c.get("scope");
    const { expires_at: expiresAtText, embed } = c.req.valid("json");
    const expiresAt = expiresAtText ? new Date(expiresAtText) : null;
    if (expiresAt && expiresAt.getTime() <= Date.now()) throw new ValidationFailed({ en: "expires_at must be in the future.", ru: "expires_at должен быть в будущем." }, "/expires_at");
    const bundle = await getBundle(scope, c.req.valid("param").id);
    if (!bundle) throw new NotFound(NO_SUCH_BUNDLE, "/id");
    const { token, prefix } = generateShareToken();
    const id = crypto.randomUUID();
    const row = await insertShare(scope, {
      id,
      bundleId: bundle.id,
      bundleVersion: bundle.version,
      name: bundle.name,
      document: await publicDocument(c.env, scope, bundle.document),
      tokenHash: await sha256Hex(token),
      tokenPrefix: prefix,
      frameAncestors: embed?.frame_ancestors ?? "*",
      showRuns: embed?.show_runs ?? 0,
      createdBy: userIdOf(c),
      expiresAt,
    });
    await audit(c, "share.created", id, `${bundle.name} (${prefix}…)`);
    const embedUrl = appUrl(c.env, `/embed/${token}`);
    const snippet = `<iframe src="${embedUrl}" title="${escapeAttribute(bundle.name)}" width="100%" height="480" style="border:0" loading="lazy"></iframe>`;
    return c.json(
      {
        id,
        token,
        url: appUrl(c.env, `/s/${token}`),
        embed_url: embedUrl,
        iframe_snippet: snippet,
        expires_at: expiresAt?.toISOString() ?? null,
        created_at: row.createdAt.toISOString(),
      },
      201,
    );
  })
  .openapi(list, async (c) => {
    const rows = await listShares(c.get("scope"));
    const items = rows.map((s) => ({
      id: s.id,
      bundle_id: s.bundleId,
      bundle_name: s.bundleName,
      url_prefix: appUrl(c.env, `/s/${s.tokenPrefix}…`),
      expires_at: s.expiresAt?.toISOString() ?? null,
      revoked_at: s.revokedAt?.toISOString() ?? null,
      created_at: s.createdAt.toISOString(),
      created_by: s.createdBy,
    }));
    return c.json({ items }, 200);
  })
  .openapi(revoke, async (c) => {
    requireRole(c, "editor");
    const revoked = await revokeShare(c.get("scope"), c.req.valid("param").id);
    if (!revoked) throw new NotFound({ en: "No live share link with this id in this workspace.", ru: "В этом рабочем пространстве нет действующей ссылки с таким id." }, "/id");
    await audit(c, "share.revoked", c.req.valid("param").id);
    return c.body(null, 204);
  })
  .openapi(use, async (c) => {
    requireRole(c, "editor");
    await limitShareLookup(c);
    const { token, connections } = c.req.valid("json");
    const { share } = liveShareOrThrow(await lookUpShare(database(c.env), token));
    const { id, name } = await importDocument(c.env, c.get("scope"), share.document, connections, userIdOf(c));
    await audit(c, "bundle.imported", id, name);
    return c.json({ id, version: 1 }, 201);
  })
  .openapi(read, async (c) => {
    await limitShareLookup(c);
    const live = liveShareOrThrow(await lookUpShare(database(c.env), c.req.valid("param").token));
    c.header("Cache-Control", "no-store");
    return c.json((await publicShareJson(c.env, live)) as PublicShare, 200);
  });
