// drizzle over a RunLedger Durable Object's SQLite storage, with the ledger's schema attached.
// Queries on it run synchronously inside the object (no network round trip).
import { drizzle, type DrizzleSqliteDODatabase } from "drizzle-orm/durable-sqlite";
import { migrate } from "drizzle-orm/durable-sqlite/migrator";
import migrations from "./migrations";
import * as schema from "./schema";

export type LedgerDb = DrizzleSqliteDODatabase<typeof schema>;

export function ledgerDatabase(storage: DurableObjectStorage): LedgerDb {
  return drizzle(storage, { schema });
}

/** Brings the object's tables up to date; called once when the object starts. */
export async function migrateLedger(db: LedgerDb): Promise<void> {
  await migrate(db, migrations);
}
