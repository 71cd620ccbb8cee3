// Every value D1 keeps encrypted (worker/security/secrets-crypto.ts), across all workspaces: the
// operator's key rotation walks them in pages by primary key and writes one back only if it is
// still what was read. Not tenant data access: nothing here decrypts, and nothing is returned
// to a tenant.
import { getTableName, sql, type SQLWrapper } from "drizzle-orm";
import type { Database } from "../client";
import { connection, oauthState } from "../schema";

/** The encrypted columns, in the order a rotation walks them. */
const ENCRYPTED = {
  /** A connection's secret fields. */
  connection: { table: connection, key: connection.id, value: connection.secrets },
  /** The fields (client secret included) of an OAuth authorization in flight. */
  oauth_state: { table: oauthState, key: oauthState.stateHash, value: oauthState.fields },
};

export type EncryptedTable = keyof typeof ENCRYPTED;
export const ENCRYPTED_TABLES = Object.keys(ENCRYPTED) as EncryptedTable[];

export interface EncryptedValue {
  key: string;
  value: string;
}

export interface ValueChange {
  key: string;
  from: string;
  to: string;
}

export function isEncryptedTable(name: string): name is EncryptedTable {
  return Object.hasOwn(ENCRYPTED, name);
}

/** Up to `limit` values of `table` whose key sorts after `after` ("" for the first page), by key. */
export async function readEncryptedValues(db: Database, table: EncryptedTable, after: string, limit: number): Promise<EncryptedValue[]> {
  const { key, value } = names(table);
  return db.all<EncryptedValue>(
    sql`SELECT ${key} AS key, ${value} AS value FROM ${ENCRYPTED[table].table} WHERE ${key} > ${after} AND ${value} IS NOT NULL ORDER BY ${key} LIMIT ${limit}`,
  );
}

/**
 * Writes each change only where the row still holds `from` (one statement each, one batch):
 * a value a user saved meanwhile is left as it is. Returns the keys written.
 */
export async function replaceEncryptedValues(db: Database, table: EncryptedTable, changes: ValueChange[]): Promise<Set<string>> {
  if (changes.length === 0) return new Set();
  // drizzle does not batch raw statements; these are D1's own, with our schema's names.
  const { table: t, key, value } = ENCRYPTED[table];
  const update = db.$client.prepare(`UPDATE "${getTableName(t)}" SET "${value.name}" = ?1 WHERE "${key.name}" = ?2 AND "${value.name}" = ?3 RETURNING "${key.name}" AS key`);
  const results = await db.$client.batch<{ key: string }>(changes.map((c) => update.bind(c.to, c.key, c.from)));
  return new Set(results.flatMap((r) => r.results.map((row) => row.key)));
}

/** How many values `table` holds, and how many of them begin with each prefix (key ids: secrets-crypto's encryptedPrefix). */
export async function countEncryptedValues(db: Database, table: EncryptedTable, prefixes: string[]): Promise<{ total: number; withPrefix: number[] }> {
  const { value } = names(table);
  const sums = prefixes.map((p, i) => sql`coalesce(sum(substr(${value}, 1, ${p.length}) = ${p}), 0) AS ${sql.identifier(`p${i}`)}`);
  const columns = sql.join([sql`count(*) AS total`, ...sums], sql`, `);
  const row = await db.get<Record<string, number>>(sql`SELECT ${columns} FROM ${ENCRYPTED[table].table} WHERE ${value} IS NOT NULL`);
  return { total: row?.total ?? 0, withPrefix: prefixes.map((_, i) => row?.[`p${i}`] ?? 0) };
}

/** Bare column names, as in the statements above. */
function names(table: EncryptedTable): { key: SQLWrapper; value: SQLWrapper } {
  const { key, value } = ENCRYPTED[table];
  return { key: sql.identifier(key.name), value: sql.identifier(value.name) };
}
