// Per-workspace settings, with defaults for workspaces that never saved any.
import { eq, sql } from "drizzle-orm";
import { workspaceSettings } from "../schema";
import { forgetWebhookTargets } from "./webhook-target-cache";
import type { WorkspaceScope } from "./workspace-scope";

export type WorkspaceSettings = Omit<typeof workspaceSettings.$inferSelect, "workspaceId" | "updatedAt">;

export const DEFAULT_SETTINGS: WorkspaceSettings = {
  timezone: "Europe/Moscow",
  phoneCountry: "RU",
  logRetentionDays: 30,
  pauseAfterFailures: 10,
  notifyConnectionId: null,
  notifyChatId: null,
  hookRatePerSecond: 100,
  ledgerShards: 1,
  ledgerSpread: [],
};

/** The most ledgers a workspace's runs are split over (the settings schema allows 1..64). */
export const MAX_LEDGER_SHARDS = 64;

export async function getSettings(s: WorkspaceScope): Promise<WorkspaceSettings> {
  const row = await s.db.query.workspaceSettings.findFirst({ where: eq(workspaceSettings.workspaceId, s.workspaceId) });
  if (!row) return { ...DEFAULT_SETTINGS };
  const { workspaceId: _w, updatedAt: _u, ...settings } = row;
  return settings;
}

/** The most bundles a workspace spreads over its shards (the settings schema allows as many). */
export const MAX_LEDGER_SPREAD = 64;

/** How a workspace's runs are laid over its run ledgers (docs/scale.md). */
export interface LedgerLayout {
  /** How many run ledgers the runs are split over. */
  shards: number;
  /** Bundles whose runs are spread over all of them by event. */
  spread: string[];
}

/** The workspace's ledger layout: one primary-key read. */
export async function ledgerLayoutOf(s: WorkspaceScope): Promise<LedgerLayout> {
  return ledgerLayoutFrom(
    await s.db.query.workspaceSettings.findFirst({ where: eq(workspaceSettings.workspaceId, s.workspaceId), columns: { ledgerShards: true, ledgerSpread: true } }),
  );
}

/** The ledger layout from a settings row, or from a query that left-joined one (nulls: the defaults). */
export function ledgerLayoutFrom(row: { ledgerShards: number | null; ledgerSpread: string[] | null } | undefined): LedgerLayout {
  return { shards: row?.ledgerShards ?? DEFAULT_SETTINGS.ledgerShards, spread: row?.ledgerSpread ?? DEFAULT_SETTINGS.ledgerSpread };
}

export async function saveSettings(s: WorkspaceScope, patch: Partial<WorkspaceSettings>) {
  const next = { ...(await getSettings(s)), ...patch };
  await s.db
    .insert(workspaceSettings)
    .values({ ...next, workspaceId: s.workspaceId, updatedAt: new Date() })
    // The ledger split never shrinks (runs in higher shards would be lost to readers), even when
    // a save that read the old count races one that raised it; nor does the spread list, whose
    // saves keep the union of what is stored and what is saved.
    .onConflictDoUpdate({
      target: workspaceSettings.workspaceId,
      set: {
        ...next,
        ledgerShards: sql`max(${workspaceSettings.ledgerShards}, excluded.ledger_shards)`,
        ledgerSpread: sql`(SELECT json_group_array(value) FROM (SELECT value FROM json_each(${workspaceSettings.ledgerSpread}) UNION SELECT value FROM json_each(excluded.ledger_spread)))`,
        updatedAt: new Date(),
      },
    });
  // The delivery rate and the ledger layout travel with the webhook targets.
  forgetWebhookTargets({ workspaceId: s.workspaceId });
  return next;
}

/** Every workspace that has settings rows or not: for system jobs such as log retention. */
export async function allWorkspaceRetention(db: WorkspaceScope["db"]) {
  const rows = await db.query.organization.findMany({ columns: { id: true } });
  const saved = await db.select().from(workspaceSettings);
  const byId = new Map(saved.map((r) => [r.workspaceId, r.logRetentionDays]));
  return rows.map((r) => ({ workspaceId: r.id, days: byId.get(r.id) ?? DEFAULT_SETTINGS.logRetentionDays }));
}
