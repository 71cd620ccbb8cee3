// Bundles of one workspace and their version history.
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import type { Database } from "../client";
import { preparedOnce } from "../prepared-once";
import { bundle, bundleVersion, workspaceQuota, workspaceSettings } from "../schema";
import { randomHex } from "../../worker/bytes/random";
import { DEFAULT_SETTINGS, ledgerLayoutFrom } from "./settings";
import { cachedWebhookTarget, forgetWebhookTargets } from "./webhook-target-cache";
import type { WorkspaceScope } from "./workspace-scope";

export type BundleRow = typeof bundle.$inferSelect;

export async function listBundles(s: WorkspaceScope) {
  return s.db
    .select({
      id: bundle.id,
      name: bundle.name,
      enabled: bundle.enabled,
      version: bundle.version,
      pausedReason: bundle.pausedReason,
      webhookToken: bundle.webhookToken,
      nextRunAt: bundle.nextRunAt,
      document: bundle.document,
      followsBundleId: bundle.followsBundleId,
      updatedAt: bundle.updatedAt,
    })
    .from(bundle)
    .where(eq(bundle.workspaceId, s.workspaceId))
    .orderBy(desc(bundle.updatedAt));
}

export async function getBundle(s: WorkspaceScope, id: string): Promise<BundleRow | undefined> {
  return s.db.query.bundle.findFirst({ where: and(eq(bundle.workspaceId, s.workspaceId), eq(bundle.id, id)) });
}

/** 24 random bytes, hex: the unguessable part of a bundle's webhook URL. */
export function newWebhookToken(): string {
  return randomHex(24);
}

/**
 * The bundle whose runs start this one: a `bundle.finished` trigger's `options.bundle`, else
 * null. Kept in the row's follows_bundle_id on every write of the document (decision 0022).
 */
export function followedBundleId(document: unknown): string | null {
  const trigger = (document as { trigger?: { app?: unknown; event?: unknown; options?: { bundle?: unknown } } } | null)?.trigger;
  const followed = trigger?.app === "bundle" && trigger.event === "finished" ? trigger.options?.bundle : undefined;
  return typeof followed === "string" ? followed : null;
}

/** Which of `ids` are bundles of the workspace. */
export async function existingBundleIds(s: WorkspaceScope, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await s.db
    .select({ id: bundle.id })
    .from(bundle)
    .where(and(eq(bundle.workspaceId, s.workspaceId), inArray(bundle.id, ids)));
  return new Set(rows.map((r) => r.id));
}

export async function insertBundle(s: WorkspaceScope, id: string, name: string, document: unknown, userId: string | null) {
  await s.db.batch([
    s.db
      .insert(bundle)
      .values({ id, workspaceId: s.workspaceId, name, document, followsBundleId: followedBundleId(document), version: 1, enabled: false, webhookToken: newWebhookToken() }),
    s.db.insert(bundleVersion).values({ workspaceId: s.workspaceId, bundleId: id, version: 1, document, createdBy: userId }),
  ]);
  forgetWebhookTargets({ bundleId: id });
}

/** Saves a new version; returns it, or undefined when the bundle is not in this workspace. */
export async function saveBundleVersion(s: WorkspaceScope, id: string, name: string, document: unknown, userId: string | null) {
  const current = await getBundle(s, id);
  if (!current) return undefined;
  const version = current.version + 1;
  await s.db.batch([
    s.db.insert(bundleVersion).values({ workspaceId: s.workspaceId, bundleId: id, version, document, createdBy: userId }),
    s.db
      .update(bundle)
      .set({ name, document, followsBundleId: followedBundleId(document), version, updatedAt: new Date() })
      .where(and(eq(bundle.workspaceId, s.workspaceId), eq(bundle.id, id))),
  ]);
  forgetWebhookTargets({ bundleId: id });
  return version;
}

export async function listBundleVersions(s: WorkspaceScope, id: string) {
  return s.db
    .select({ version: bundleVersion.version, createdAt: bundleVersion.createdAt, createdBy: bundleVersion.createdBy })
    .from(bundleVersion)
    .where(and(eq(bundleVersion.workspaceId, s.workspaceId), eq(bundleVersion.bundleId, id)))
    .orderBy(desc(bundleVersion.version));
}

export async function getBundleVersion(s: WorkspaceScope, id: string, version: number) {
  return s.db.query.bundleVersion.findFirst({
    where: and(eq(bundleVersion.workspaceId, s.workspaceId), eq(bundleVersion.bundleId, id), eq(bundleVersion.version, version)),
  });
}

export async function setBundleEnabled(s: WorkspaceScope, id: string, enabled: boolean) {
  const res = await s.db
    .update(bundle)
    .set(enabled ? { enabled, pausedReason: null } : { enabled })
    .where(and(eq(bundle.workspaceId, s.workspaceId), eq(bundle.id, id)))
    .returning({ id: bundle.id });
  forgetWebhookTargets({ bundleId: id });
  return res.length > 0;
}

export async function rotateWebhookToken(s: WorkspaceScope, id: string) {
  const token = newWebhookToken();
  const res = await s.db
    .update(bundle)
    .set({ webhookToken: token })
    .where(and(eq(bundle.workspaceId, s.workspaceId), eq(bundle.id, id)))
    .returning({ id: bundle.id });
  forgetWebhookTargets({ bundleId: id });
  return res.length > 0 ? token : undefined;
}

/**
 * The bundle a public webhook URL points to, in whichever workspace: how /hooks/:token learns
 * it, with its workspace's own limits, the deliveries per second its URLs accept and how its
 * runs are laid over run ledgers (how many, which bundles spread), in the same query, so a delivery costs one D1 read
 * before its run is recorded in the ledger.
 */
export function findWebhookTarget(db: Database, token: string) {
  return cachedWebhookTarget(token, () => readWebhookTarget(db, token));
}

async function readWebhookTarget(db: Database, token: string) {
  const [row] = await webhookTargetQuery(db).all({ token });
  if (!row) return undefined;
  const { bundle: b } = row;
  // What the run will execute, read here anyway: it travels with the run's queue message.
  const runnable: RunnableVersion = { version: b.version, document: b.document, name: b.name, hasFollowers: Boolean(row.hasFollowers) };
  return {
    bundle: b,
    quota: row.quota ?? undefined,
    hookRatePerSecond: row.hookRatePerSecond ?? DEFAULT_SETTINGS.hookRatePerSecond,
    ledger: ledgerLayoutFrom(row),
    runnable,
  };
}

/** Built once per database: every delivery runs it, and building the SQL cost more than the row. */
const webhookTargetQuery = preparedOnce((db: Database) =>
  db
    .select({
      bundle,
      quota: workspaceQuota,
      hookRatePerSecond: workspaceSettings.hookRatePerSecond,
      ledgerShards: workspaceSettings.ledgerShards,
      ledgerSpread: workspaceSettings.ledgerSpread,
      hasFollowers: hasFollowers(bundle.workspaceId, bundle.id),
    })
    .from(bundle)
    .leftJoin(workspaceQuota, eq(workspaceQuota.workspaceId, bundle.workspaceId))
    .leftJoin(workspaceSettings, eq(workspaceSettings.workspaceId, bundle.workspaceId))
    .where(eq(bundle.webhookToken, sql.placeholder("token")))
    .limit(1)
    .prepare(),
);

export async function setBundleTestData(s: WorkspaceScope, id: string, testData: unknown) {
  await s.db.update(bundle).set({ testData }).where(and(eq(bundle.workspaceId, s.workspaceId), eq(bundle.id, id)));
}

export async function deleteBundle(s: WorkspaceScope, id: string) {
  const res = await s.db
    .delete(bundle)
    .where(and(eq(bundle.workspaceId, s.workspaceId), eq(bundle.id, id)))
    .returning({ id: bundle.id });
  forgetWebhookTargets({ bundleId: id });
  return res.length > 0;
}

/** Enabled bundles whose trigger follows bundle `leaderId` ("after bundle … finished"), by index (the same test as getRunnableVersion's hasFollowers). */
export async function listFollowerBundles(s: WorkspaceScope, leaderId: string) {
  return s.db
    .select({ id: bundle.id, version: bundle.version, document: bundle.document })
    .from(bundle)
    .where(and(eq(bundle.workspaceId, s.workspaceId), eq(bundle.followsBundleId, leaderId), eq(bundle.enabled, true)));
}

/**
 * Pauses the bundle after its failure streak (counted in its ledger) reached the workspace's
 * limit, with the reason users see; a bundle already off stays as it is.
 */
export async function pauseFailingBundle(s: WorkspaceScope, id: string, reason: string) {
  await s.db
    .update(bundle)
    .set({ enabled: false, pausedReason: reason })
    .where(and(eq(bundle.workspaceId, s.workspaceId), eq(bundle.id, id), eq(bundle.enabled, true)));
  forgetWebhookTargets({ bundleId: id });
}

/**
 * What a run executes, in one read: the bundle version it was started with, the bundle's name
 * and whether any enabled bundle follows it (so a run without followers does not look for them
 * when it ends).
 */
export async function getRunnableVersion(s: WorkspaceScope, bundleId: string, version: number) {
  const [row] = await s.db
    .select({
      document: bundleVersion.document,
      name: bundle.name,
      hasFollowers: hasFollowers(bundle.workspaceId, bundle.id),
    })
    .from(bundleVersion)
    .innerJoin(bundle, eq(bundle.id, bundleVersion.bundleId))
    .where(and(eq(bundleVersion.workspaceId, s.workspaceId), eq(bundleVersion.bundleId, bundleId), eq(bundleVersion.version, version)));
  return row && { version, ...row, hasFollowers: Boolean(row.hasFollowers) };
}

export type RunnableVersion = NonNullable<Awaited<ReturnType<typeof getRunnableVersion>>>;

/** Whether any enabled bundle of the workspace follows this one (listFollowerBundles' test, as a subquery on the same index). */
function hasFollowers(workspaceId: typeof bundle.workspaceId, bundleId: typeof bundle.id) {
  return sql<number>`exists (select 1 from bundle f where f.workspace_id = ${workspaceId} and f.follows_bundle_id = ${bundleId} and f.enabled = 1)`;
}
