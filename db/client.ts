// drizzle over the D1 binding, with the schema attached for typed queries. One instance per
// binding: building one walks the whole schema (drizzle's relational config), which cost a
// few percent of the CPU of every webhook delivery when it was done per request.
import { drizzle } from "drizzle-orm/d1";
import * as schema from "./schema";

export type Database = ReturnType<typeof drizzle<typeof schema>>;

const primaries = new WeakMap<D1Database, Database>();
const replicas = new WeakMap<D1Database, Database>();

export function database(env: { DB: D1Database }): Database {
  let db = primaries.get(env.DB);
  if (!db) primaries.set(env.DB, (db = drizzle(env.DB, { schema })));
  return db;
}

/**
 * Reads that may be served by a D1 read replica (a Sessions API session with no bookmark), so
 * they leave the primary's one-query-at-a-time budget. What they return can lag the primary by
 * the replica's delay: use them only where a moment's staleness is harmless (decision 0020).
 * Without replication enabled, or locally, they go to the primary as before. Every prepare()
 * opens its own session, so two reads through this are not ordered with each other: use it for
 * single reads. A statement prepared once (db/prepared-once.ts) keeps the session it was
 * prepared in: its later reads are never older than its earlier ones.
 */
export function replicaDatabase(env: { DB: D1Database }): Database {
  let db = replicas.get(env.DB);
  if (!db) replicas.set(env.DB, (db = drizzle(sessionPerStatement(env.DB), { schema })));
  return db;
}

/** drizzle's D1 driver only needs prepare() and batch(); each gets a fresh unconstrained session. */
function sessionPerStatement(d1: D1Database): D1Database {
  return {
    prepare: (query: string) => d1.withSession("first-unconstrained").prepare(query),
    batch: (statements: D1PreparedStatement[]) => d1.withSession("first-unconstrained").batch(statements),
  } as unknown as D1Database;
}
