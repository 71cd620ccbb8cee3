// Encryption key rotation: puts every stored secret under the current ENCRYPTION_KEY, so the
// previous key can be dropped (decision 0018). Values are walked in pages by primary key; one
// under another key is decrypted (ENCRYPTION_KEY_PREVIOUS), encrypted again and written back
// only if the row still holds what was read, so a user's save made meanwhile is never replaced
// by the older secret. A value that neither key decrypts is counted as failed and left as it
// is. Each page is written as it goes: stopping anywhere and starting again loses nothing.
import type { Database } from "../../db/client";
import {
  countEncryptedValues,
  ENCRYPTED_TABLES,
  isEncryptedTable,
  readEncryptedValues,
  replaceEncryptedValues,
  type EncryptedTable,
  type ValueChange,
} from "../../db/queries/encrypted-values";
import { readSystemState, writeSystemState } from "../../db/queries/system-state";
import { logEvent } from "../observability/log";
import { encryptedPrefix, encryptionKeyId, needsReencrypt, reencryptSecrets, SecretsError, type SecretKeys } from "./secrets-crypto";

export interface RotationCounts {
  /** Values read. */
  scanned: number;
  /** Values written back under the current key. */
  reencrypted: number;
  /** Values already under the current key: not touched. */
  already_current: number;
  /** Values neither key decrypts (or not in our format): left as they are, each logged (key_rotation.value_failed) by id. */
  failed: number;
  /** Values saved by someone else between the read and the write: left to them (a later pass looks again). */
  changed: number;
}

export interface RotationPage extends RotationCounts {
  /** Where the next page starts; null when this page was the last. */
  next_cursor: string | null;
}

/** What a page will write, before writing it (read, decrypted and encrypted again). */
export interface PlannedPage {
  table: EncryptedTable;
  changes: ValueChange[];
  counts: Omit<RotationCounts, "reencrypted" | "changed">;
  next_cursor: string | null;
}

export const ROTATION_PAGE_DEFAULT = 100;
export const ROTATION_PAGE_MAX = 500;
/** Where the Cron Trigger's walk stands between ticks (system_state). */
export const ROTATION_CURSOR_KEY = "key_rotation_cursor";

export class RotationCursorError extends Error {
  constructor(cursor: string) {
    super(`"${cursor}" is not a cursor a page of the key rotation returned.`);
    this.name = "RotationCursorError";
  }
}

/** One page from `cursor` (null: the start): reads, re-encrypts and writes it. */
export async function reencryptPage(env: SecretKeys, db: Database, cursor: string | null, limit = ROTATION_PAGE_DEFAULT): Promise<RotationPage> {
  return applyReencryption(db, await planReencryption(env, db, cursor, limit));
}

export async function planReencryption(env: SecretKeys, db: Database, cursor: string | null, limit = ROTATION_PAGE_DEFAULT): Promise<PlannedPage> {
  const { table, after } = parseCursor(cursor);
  await keyIds(env); // a missing, malformed or indistinguishable key stops the page before it reads anything
  const size = Math.min(Math.max(1, Math.floor(limit)), ROTATION_PAGE_MAX);
  const values = await readEncryptedValues(db, table, after, size);
  const changes: ValueChange[] = [];
  let already = 0;
  let failed = 0;
  for (const { key, value } of values) {
    try {
      if (await needsReencrypt(env, value)) changes.push({ key, from: value, to: await reencryptSecrets(env, value) });
      else already++;
    } catch (err) {
      failed++;
      // SecretsError messages name a key id at most; anything else (a JSON parse error) could quote the plaintext.
      logEvent("warn", "key_rotation.value_failed", { table, id: key, reason: err instanceof SecretsError ? err.message : "its decrypted value is not readable" });
    }
  }
  return {
    table,
    changes,
    counts: { scanned: values.length, already_current: already, failed },
    next_cursor: values.length === size ? `${table}:${values[values.length - 1].key}` : nextTableCursor(table),
  };
}

export async function applyReencryption(db: Database, plan: PlannedPage): Promise<RotationPage> {
  const written = await replaceEncryptedValues(db, plan.table, plan.changes);
  return { ...plan.counts, reencrypted: written.size, changed: plan.changes.length - written.size, next_cursor: plan.next_cursor };
}

export interface KeyCount {
  total: number;
  /** Under ENCRYPTION_KEY. */
  current: number;
  /** Under ENCRYPTION_KEY_PREVIOUS: what is left to re-encrypt. 0 when no previous key is set. */
  previous: number;
  /** Under neither (an older key, or damaged): nobody can read these; rotation leaves them. */
  other: number;
}

export interface KeyRotationStatus {
  current_key_id: string;
  previous_key_id: string | null;
  values: KeyCount;
  tables: Record<EncryptedTable, KeyCount>;
}

/** How many stored values are under which key, counted in SQL from the key id each value begins with. */
export async function keyRotationStatus(env: SecretKeys, db: Database): Promise<KeyRotationStatus> {
  const { current, previous } = await keyIds(env);
  const prefixes = [encryptedPrefix(current), ...(previous ? [encryptedPrefix(previous)] : [])];
  const values: KeyCount = { total: 0, current: 0, previous: 0, other: 0 };
  const tables = {} as Record<EncryptedTable, KeyCount>;
  for (const table of ENCRYPTED_TABLES) {
    const { total, withPrefix } = await countEncryptedValues(db, table, prefixes);
    const count = { total, current: withPrefix[0], previous: withPrefix[1] ?? 0, other: total - withPrefix[0] - (withPrefix[1] ?? 0) };
    tables[table] = count;
    for (const k of Object.keys(values) as Array<keyof KeyCount>) values[k] += count[k];
  }
  return { current_key_id: current, previous_key_id: previous, values, tables };
}

/**
 * The Cron Trigger's share: while ENCRYPTION_KEY_PREVIOUS is set, one page a tick, from where the
 * last tick stopped, starting over after the last page (values saved under the old key by a
 * Worker that still had it are found on the next pass). Nothing to do without a previous key.
 */
export async function reencryptOnTick(env: SecretKeys, db: Database): Promise<RotationPage | undefined> {
  if (!env.ENCRYPTION_KEY_PREVIOUS) return undefined;
  const stored = (await readSystemState(db, ROTATION_CURSOR_KEY)) || null;
  const page = await reencryptPage(env, db, validCursor(stored) ? stored : null);
  await writeSystemState(db, ROTATION_CURSOR_KEY, page.next_cursor ?? "");
  if (page.reencrypted || page.failed || page.changed) logEvent("info", "key_rotation.page", { by: "cron", ...page });
  return page;
}

/**
 * The ids values carry. Two different keys with the same 8-hex-digit id (one chance in 4
 * billion) would make old values look current, and removing the previous key would lose them.
 */
async function keyIds(env: SecretKeys): Promise<{ current: string; previous: string | null }> {
  const current = await encryptionKeyId(env.ENCRYPTION_KEY);
  const previous = env.ENCRYPTION_KEY_PREVIOUS ? await encryptionKeyId(env.ENCRYPTION_KEY_PREVIOUS) : null;
  if (previous === current && env.ENCRYPTION_KEY_PREVIOUS?.trim() !== env.ENCRYPTION_KEY.trim()) {
    throw new SecretsError(`ENCRYPTION_KEY and ENCRYPTION_KEY_PREVIOUS have the same key id ${current}: generate another new key.`);
  }
  return { current, previous };
}

/** A cursor is `<table>:<last key read>`; `<table>:` starts that table. */
function parseCursor(cursor: string | null): { table: EncryptedTable; after: string } {
  if (!cursor) return { table: ENCRYPTED_TABLES[0], after: "" };
  const colon = cursor.indexOf(":");
  const table = cursor.slice(0, colon);
  if (colon < 0 || !isEncryptedTable(table)) throw new RotationCursorError(cursor);
  return { table, after: cursor.slice(colon + 1) };
}

function validCursor(cursor: string | null): boolean {
  try {
    parseCursor(cursor);
    return true;
  } catch {
    return false;
  }
}

function nextTableCursor(table: EncryptedTable): string | null {
  const next = ENCRYPTED_TABLES[ENCRYPTED_TABLES.indexOf(table) + 1];
  return next ? `${next}:` : null;
}
