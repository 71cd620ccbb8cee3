// `column IN (…)` for a list of any length. A Durable Object's SQLite binds at most 100
// parameters a statement (a sweep of 100 stalled runs, a retention chunk of 500 failed with
// "too many SQL variables"), so the list goes as one JSON parameter read back by json_each.
import { sql, type SQL } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";

export function inList(column: SQLiteColumn, values: readonly string[]): SQL {
  return sql`${column} IN (SELECT value FROM json_each(${JSON.stringify(values)}))`;
}
