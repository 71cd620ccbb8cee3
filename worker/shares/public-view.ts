// The public side of a share link: which link a token names and whether it still works
// (unknown or revoked: 404; expired: 410), and the JSON the read-only view and the embed draw.
import { getBundle } from "../../db/queries/bundles";
import { findShareByTokenHash, type FrameAncestors, type ShareRow } from "../../db/queries/shares";
import { openWorkspaceScope, type WorkspaceScope } from "../../db/queries/workspace-scope";
import type { Database } from "../../db/client";
import { getConnector } from "../connectors/catalogue";
import type { Label } from "../connectors/types";
import type { Env } from "../env";
import { Gone, NotFound } from "../errors";
import { forEachStep } from "../flow";
import { workspaceLedgers } from "../runs/workspace-ledgers";
import { sha256Hex } from "../bytes/sha256";
import { looksLikeShareToken } from "./share-token";

export type ShareLookup =
  | { state: "live"; share: ShareRow; scope: WorkspaceScope }
  | { state: "expired"; share: ShareRow }
  | { state: "missing" };

export async function lookUpShare(db: Database, token: string, now = Date.now()): Promise<ShareLookup> {
  if (!looksLikeShareToken(token)) return { state: "missing" };
  const share = await findShareByTokenHash(db, await sha256Hex(token));
  if (!share || share.revokedAt) return { state: "missing" };
  if (share.expiresAt && share.expiresAt.getTime() <= now) return { state: "expired", share };
  // The token is the credential, as for webhook URLs: it names the workspace.
  return { state: "live", share, scope: openWorkspaceScope(db, share.workspaceId) };
}

/** The 404 or 410 a dead link answers, with a message the visitor can understand. */
export function deadLinkError(lookup: Exclude<ShareLookup, { state: "live" }>): Gone | NotFound {
  if (lookup.state === "expired") {
    const expired = lookup.share.expiresAt!.toISOString();
    return new Gone({ en: `This share link expired on ${expired}. Ask its owner for a new one.`, ru: `Срок этой ссылки истёк ${expired}. Попросите у владельца новую.` }, "/token");
  }
  return new NotFound({ en: "This share link does not exist or was revoked. Ask its owner for a new one.", ru: "Такой ссылки нет или её отозвали. Попросите у владельца новую." }, "/token");
}

/** Live lookups pass; dead ones throw their 404/410. */
export function liveShareOrThrow(lookup: ShareLookup) {
  if (lookup.state !== "live") throw deadLinkError(lookup);
  return lookup;
}

export function frameAncestorsOf(share: ShareRow): FrameAncestors {
  return share.frameAncestors as FrameAncestors;
}

type Doc = { trigger?: { app?: string }; steps?: unknown[]; settings?: { notify_on_failure?: unknown } };

/** The apps the bundle uses, trigger first, each once, with their labels for drawing. */
function appsOf(document: unknown): Array<{ app: string; label: Label }> {
  const doc = document as Doc;
  const apps = new Set<string>();
  if (doc.trigger?.app) apps.add(doc.trigger.app);
  forEachStep(doc.steps, (step) => {
    if (step.kind === "action" && typeof step.app === "string") apps.add(step.app);
  });
  if (doc.settings?.notify_on_failure) apps.add("telegram");
  return [...apps].map((app) => ({ app, label: getConnector(app)?.label ?? { en: app, ru: app } }));
}

export type BundleStatus = "enabled" | "paused" | "disabled";

/** GET /api/v1/shares/:token: the snapshot, and for status-page links the bundle's state and last runs. */
export async function publicShareJson(env: Env, live: Extract<ShareLookup, { state: "live" }>) {
  const { share, scope } = live;
  const view = { bundle: share.document, name: share.name, apps: appsOf(share.document) };
  if (share.showRuns === 0) return view;
  const [bundle, ledgers] = await Promise.all([getBundle(scope, share.bundleId), workspaceLedgers(env, scope)]);
  const status: BundleStatus = bundle?.enabled ? "enabled" : bundle?.pausedReason ? "paused" : "disabled";
  // The last N runs received, shown newest start first: under load the queue can start a run
  // received earlier after one received later, and the page lists start times.
  const startOf = (r: { startedAt: Date | null; createdAt: Date }) => r.startedAt ?? r.createdAt;
  const runs = (await ledgers.recentRunTimes(share.bundleId, share.showRuns))
    .sort((a, b) => startOf(b).getTime() - startOf(a).getTime())
    .map((r) => ({ status: r.status, started_at: startOf(r).toISOString(), finished_at: r.finishedAt?.toISOString() ?? null }));
  return { ...view, status, runs };
}
