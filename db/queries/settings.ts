// Per-workspace settings, with defaults for workspaces that never saved any.
import { eq, sql } from "drizzle-orm";
import { workspaceSettings } from "../schema";
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
};

/** The most ledgers a workspace's runs are split over (the settings schema allows 1..64). */
export const MAX_LEDGER_SHARDS = 64;

export async function getSettings(s: WorkspaceScope): Promise<WorkspaceSettings> {
  const row = await s.db.query.workspaceSettings.findFirst({ where: eq(workspaceSettings.workspaceId, s.workspaceId) });
  if (!row) return { ...DEFAULT_SETTINGS };
  const { workspaceId: _w, updatedAt: _u, ...settings } = row;
  return settings;
}

/** How many run ledgers the workspace's runs are split over (docs/scale.md). */
export async function ledgerShardsOf(s: WorkspaceScope): Promise<number> {
  const row = await s.db.query.workspaceSettings.findFirst({ where: eq(workspaceSettings.workspaceId, s.workspaceId), columns: { ledgerShards: true } });
  return row?.ledgerShards ?? DEFAULT_SETTINGS.ledgerShards;
}

export async function saveSettings(s: WorkspaceScope, patch: Partial<WorkspaceSettings>) {
  const next = { ...(await getSettings(s)), ...patch };
  await s.db
    .insert(workspaceSettings)
    .values({ ...next, workspaceId: s.workspaceId, updatedAt: new Date() })
    // The ledger split never shrinks (runs in higher shards would be lost to readers), even when
    // a save that read the old count races one that raised it.
    .onConflictDoUpdate({ target: workspaceSettings.workspaceId, set: { ...next, ledgerShards: sql`max(${workspaceSettings.ledgerShards}, excluded.ledger_shards)`, updatedAt: new Date() } });
  return next;
}

/** Every workspace that has settings rows or not: for system jobs such as log retention. */
export async function allWorkspaceRetention(db: WorkspaceScope["db"]) {
  const rows = await db.query.organization.findMany({ columns: { id: true } });
  const saved = await db.select().from(workspaceSettings);
  const byId = new Map(saved.map((r) => [r.workspaceId, r.logRetentionDays]));
  return rows.map((r) => ({ workspaceId: r.id, days: byId.get(r.id) ?? DEFAULT_SETTINGS.logRetentionDays }));
}
