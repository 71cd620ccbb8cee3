// drizzle over the D1 binding, with the schema attached for typed queries.
import { drizzle } from "drizzle-orm/d1";
import * as schema from "./schema";

export type Database = ReturnType<typeof drizzle<typeof schema>>;

export function database(env: { DB: D1Database }): Database {
  return drizzle(env.DB, { schema });
}

/**
 * Reads that may be served by a D1 read replica (a Sessions API session with no bookmark), so
 * they leave the primary's one-query-at-a-time budget. What they return can lag the primary by
 * the replica's delay: use them only where a moment's staleness is harmless (decision 0020).
 * Without replication enabled, or locally, they go to the primary as before.
 */
export function replicaDatabase(env: { DB: D1Database }): Database {
  // drizzle's D1 driver only needs prepare() and batch(), which a session has.
  return drizzle(env.DB.withSession("first-unconstrained") as unknown as D1Database, { schema });
}
