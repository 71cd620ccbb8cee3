// The Durable Object side of dedup for one workspace connection: leases on every match value
// (taken in sorted order, so two runs needing the same values cannot deadlock), and the
// memory of records created or matched recently.
import { ConnectorError } from "../connectors/types";
import type { Env } from "../env";

export const LEASE_TTL_MS = 30_000;
const MAX_WAIT_MS = 60_000;
const DEFAULT_MEMORY_SECONDS = 600;

export interface MatchGuard {
  /** Runs `fn` while holding the leases of all `values` ("phone:+7912…", "email:a@b.c"). */
  withLeases<T>(values: string[], fn: () => Promise<T>): Promise<T>;
  /** The record every one of `values` points to, if they agree. */
  recall(values: string[]): Promise<string | undefined>;
  remember(values: string[], recordId: string): Promise<void>;
}

export function matchGuard(env: Env, workspaceId: string, connectionId: string, leaseTtlMs = LEASE_TTL_MS): MatchGuard {
  const stub = (value: string) => env.DEDUP.get(env.DEDUP.idFromName(`${workspaceId}:${connectionId}:${value}`));
  const memoryMs = (Number(env.DEDUP_MEMORY_SECONDS) || DEFAULT_MEMORY_SECONDS) * 1000;
  return {
    async withLeases(values, fn) {
      const holder = crypto.randomUUID();
      const keys = [...new Set(values)].sort();
      const held: string[] = [];
      let renewal: ReturnType<typeof setInterval> | null = null;
      try {
        for (const key of keys) {
          const deadline = Date.now() + MAX_WAIT_MS;
          for (;;) {
            const lease = await stub(key).acquire(holder, leaseTtlMs);
            if (lease.acquired) break;
            if (Date.now() > deadline) throw new ConnectorError({ en: `Another run has been working on ${key} for too long.`, ru: `Другой запуск слишком долго работает с ${key}.` }, { transient: true, retryAfterSeconds: 5 });
            await new Promise((r) => setTimeout(r, Math.min(lease.retryAfterMs, 100)));
          }
          held.push(key);
        }
        // A live run keeps its leases however slow the CRM is (a step may wait minutes on
        // 429s); only a run that stopped renewing (crashed) loses them when they expire.
        renewal = setInterval(() => {
          for (const key of held) stub(key).acquire(holder, leaseTtlMs).catch(() => undefined);
        }, leaseTtlMs / 3);
        return await fn();
      } finally {
        if (renewal) clearInterval(renewal);
        await Promise.all(held.map((key) => stub(key).release(holder)));
      }
    },
    async recall(values) {
      const ids = await Promise.all(values.map((v) => stub(v).recall()));
      return ids.length > 0 && ids.every((id) => id && id === ids[0]) ? ids[0] : undefined;
    },
    async remember(values, recordId) {
      await Promise.all(values.map((v) => stub(v).remember(recordId, memoryMs)));
    },
  };
}
