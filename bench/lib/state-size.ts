// Bytes the local runtime's stores hold (wrangler dev --persist-to), per store: the growth over
// a load is what D1, each Durable Object class and the Workflow engine stored for it. A SQLite
// file counts its pages in use (WAL included, free pages not), as a database's size is billed;
// its raw file size would count WAL preallocation and free pages. Other files count their size.
import { readdir, stat } from "node:fs/promises";
import path from "node:path";
import { DatabaseSync } from "node:sqlite";

/** Bytes per store, keyed "<kind>/<store>" as laid out under <stateDir>/v3 (e.g. "d1/miniflare-D1DatabaseObject"). */
export async function stateSizes(stateDir: string): Promise<Record<string, number>> {
  const root = path.join(stateDir, "v3");
  const sizes: Record<string, number> = {};
  for (const kind of await directories(root)) {
    for (const store of await directories(path.join(root, kind))) sizes[`${kind}/${store}`] = await bytesUnder(path.join(root, kind, store));
  }
  return sizes;
}

/** Growth per store between two readings. */
export function growth(before: Record<string, number>, after: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(after).map(([store, bytes]) => [store, bytes - (before[store] ?? 0)]));
}

async function directories(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name);
  } catch {
    return [];
  }
}

async function bytesUnder(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || /-(wal|shm|journal)$/.test(entry.name)) continue;
    const file = path.join(entry.parentPath, entry.name);
    try {
      total += entry.name.endsWith(".sqlite") ? sqliteBytes(file) : (await stat(file)).size;
    } catch {
      // removed or locked meanwhile
    }
  }
  return total;
}

/** Pages in use × page size, read through SQLite so pages still in the WAL count. */
export function sqliteBytes(file: string): number {
  const db = new DatabaseSync(file, { readOnly: true });
  try {
    const pragma = (name: string) => Number(Object.values(db.prepare(`PRAGMA ${name}`).get() ?? {})[0] ?? 0);
    return (pragma("page_count") - pragma("freelist_count")) * pragma("page_size");
  } finally {
    db.close();
  }
}
