// Facts about the deployment itself (not tenant data).
import { eq } from "drizzle-orm";
import type { Database } from "../client";
import { systemState } from "../schema";

export async function readSystemState(db: Database, key: string) {
  const row = await db.query.systemState.findFirst({ where: eq(systemState.key, key) });
  return row?.value;
}

export async function writeSystemState(db: Database, key: string, value: string) {
  await db
    .insert(systemState)
    .values({ key, value, updatedAt: new Date() })
    .onConflictDoUpdate({ target: systemState.key, set: { value, updatedAt: new Date() } });
}
