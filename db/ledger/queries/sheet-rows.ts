// The sheet rows a Sheets trigger has handled, per bundle (decision 0031): looked up and
// remembered a page at a time, kept while the rows stay in the sheet, forgotten a retention after
// they left it, and bounded per bundle. Lists go in as one JSON parameter (json_each): a page holds
// thousands of identities and SQLite in a Durable Object takes at most 100 bound parameters.
import { and, eq, lt, sql } from "drizzle-orm";
import type { LedgerDb } from "../client";
import { sheetRow } from "../schema";
import { inList } from "./in-list";

export interface RememberedRow {
  identity: string;
  /** Hash of the watched columns ("new or updated rows"), null when none are watched. */
  watched: string | null;
  revision: number;
}

const among = (identities: string[]) => inList(sheetRow.identity, identities);

/** The remembered rows among `identities`. */
export function recallSheetRows(db: LedgerDb, bundleId: string, identities: string[]): RememberedRow[] {
  if (identities.length === 0) return [];
  return db
    .select({ identity: sheetRow.identity, watched: sheetRow.watched, revision: sheetRow.revision })
    .from(sheetRow)
    .where(and(eq(sheetRow.bundleId, bundleId), among(identities)))
    .all();
}

/** Remembers rows as handled (their runs are stored), found in the sheet at `now`. */
export function rememberSheetRows(db: LedgerDb, bundleId: string, rows: RememberedRow[], now: number) {
  if (rows.length === 0) return;
  db.transaction((tx) => {
    for (const row of rows) {
      tx.insert(sheetRow)
        .values({ bundleId, ...row, seenAt: now })
        .onConflictDoUpdate({ target: [sheetRow.bundleId, sheetRow.identity], set: { watched: row.watched, revision: row.revision, seenAt: now } })
        .run();
    }
  });
}

/** Notes that a full read found these rows still in the sheet; rows noted since `staleBefore` are left alone (one write a day, not a poll). */
export function touchSheetRows(db: LedgerDb, bundleId: string, identities: string[], now: number, staleBefore: number) {
  if (identities.length === 0) return;
  db.update(sheetRow)
    .set({ seenAt: now })
    .where(and(eq(sheetRow.bundleId, bundleId), lt(sheetRow.seenAt, staleBefore), among(identities)))
    .run();
}

/** Forgets rows not found in their sheet since `before`, then, for a bundle over `bound` rows, those seen longest ago. */
export function forgetSheetRows(db: LedgerDb, before: number, bound: number) {
  db.delete(sheetRow).where(lt(sheetRow.seenAt, before)).run();
  const over = db
    .select({ bundleId: sheetRow.bundleId, rows: sql<number>`count(*)` })
    .from(sheetRow)
    .groupBy(sheetRow.bundleId)
    .having(sql`count(*) > ${bound}`)
    .all();
  for (const { bundleId, rows } of over) {
    db.run(sql`DELETE FROM sheet_row WHERE bundle_id = ${bundleId} AND identity IN (SELECT identity FROM sheet_row WHERE bundle_id = ${bundleId} ORDER BY seen_at LIMIT ${rows - bound})`);
  }
}
