// drizzle over the D1 binding, with the schema attached for typed queries.
import { drizzle } from "drizzle-orm/d1";
import * as schema from "./schema";

export type Database = ReturnType<typeof drizzle<typeof schema>>;

export function database(env: { DB: D1Database }): Database {
  return drizzle(env.DB, { schema });
}
