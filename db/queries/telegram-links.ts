// Linking a Telegram chat to a connection: one-time codes (hashed) and the bot webhook's
// secret (hashed). The webhook knows only the connection id in its URL, so the hook row is
// found without a workspace and hands the workspace to everything after it.
import { and, eq, gt, isNull } from "drizzle-orm";
import type { Database } from "../client";
import { telegramHook, telegramLinkCode } from "../schema";
import type { WorkspaceScope } from "./workspace-scope";

export async function insertLinkCode(s: WorkspaceScope, row: { codeHash: string; connectionId: string; expiresAt: Date }) {
  await s.db.insert(telegramLinkCode).values({ ...row, workspaceId: s.workspaceId });
}

/** Uses the code once, if it belongs to this connection and is still valid; false otherwise. */
export async function claimLinkCode(s: WorkspaceScope, codeHash: string, connectionId: string, now = new Date()): Promise<boolean> {
  const claimed = await s.db
    .update(telegramLinkCode)
    .set({ usedAt: now })
    .where(
      and(
        eq(telegramLinkCode.workspaceId, s.workspaceId),
        eq(telegramLinkCode.codeHash, codeHash),
        eq(telegramLinkCode.connectionId, connectionId),
        isNull(telegramLinkCode.usedAt),
        gt(telegramLinkCode.expiresAt, now),
      ),
    )
    .returning({ codeHash: telegramLinkCode.codeHash });
  return claimed.length === 1;
}

export async function saveTelegramHook(s: WorkspaceScope, connectionId: string, secretHash: string) {
  await s.db
    .insert(telegramHook)
    .values({ connectionId, workspaceId: s.workspaceId, secretHash })
    .onConflictDoUpdate({ target: telegramHook.connectionId, set: { secretHash, updatedAt: new Date() } });
}

export async function findTelegramHook(db: Database, connectionId: string) {
  return db.query.telegramHook.findFirst({ where: eq(telegramHook.connectionId, connectionId) });
}
