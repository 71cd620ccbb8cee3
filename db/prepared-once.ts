import { sql } from "drizzle-orm";

// A drizzle prepared statement built once per database object and reused: for the queries on
// the hot paths (every webhook delivery, every run), where building the SQL from the query
// builder cost more CPU than running it. Values go in as `sql.placeholder(name)`.
export function preparedOnce<Db extends object, Prepared>(build: (db: Db) => Prepared): (db: Db) => Prepared {
  const built = new WeakMap<Db, Prepared>();
  return (db) => {
    let prepared = built.get(db);
    if (!prepared) built.set(db, (prepared = build(db)));
    return prepared;
  };
}

/**
 * `sql.placeholder(name)` typed as the column's value, for `update().set()`, whose types refuse
 * placeholders although drizzle runs them through the column's encoder like any value.
 */
export function slot<T>(name: string): T {
  return sql.placeholder(name) as unknown as T;
}
