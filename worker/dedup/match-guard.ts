// The Durable Object side of dedup for one workspace connection: leases on every match value
// (taken in sorted order, so two runs needing the same values cannot deadlock), and the
// memory of records created or matched recently.
import { ConnectorError } from "../connectors/types";
import type { Env } from "../env";
import type { WrittenFields } from "./lease-object";

export const LEASE_TTL_MS = 30_000;
const MAX_WAIT_MS = 60_000;
const DEFAULT_MEMORY_SECONDS = 600;

export interface MatchGuard {
  /** Runs `fn` while holding the leases of all `values` ("phone:+7912…", "email:a@b.c"). */
  withLeases<T>(values: string[], fn: () => Promise<T>): Promise<T>;
  /** The record every one of `values` points to, if they agree. */
  recall(values: string[]): Promise<string | undefined>;
  /**
   * Without a lease: the record each of `values` is remembered as, and whether that memory is
   * past half its time (a reuse without a lease refreshes only those, so a person who keeps
   * coming stays remembered at one write per value per half-life).
   */
  memories(values: string[]): Promise<Array<{ recordId: string; ageing: boolean } | undefined>>;
  remember(values: string[], recordId: string): Promise<void>;
  /** Forgets the record for `values` and what was written onto it (it is gone from the CRM). */
  forget(values: string[], recordId: string): Promise<void>;
  /** Runs `fn` holding the record's own lease: nobody else writes it through dedup meanwhile. */
  withRecord<T>(recordId: string, fn: () => Promise<T>): Promise<T>;
  /** The fields dedup wrote onto the record lately (merged), if remembered. */
  written(recordId: string): Promise<WrittenFields | undefined>;
  noteWritten(recordId: string, fields: WrittenFields, onlyIfUnknown?: boolean): Promise<void>;
}

export function matchGuard(env: Env, workspaceId: string, connectionId: string, leaseTtlMs = LEASE_TTL_MS): MatchGuard {
  const stub = (value: string) => env.DEDUP.get(env.DEDUP.idFromName(`${workspaceId}:${connectionId}:${value}`));
  const memoryMs = (Number(env.DEDUP_MEMORY_SECONDS) || DEFAULT_MEMORY_SECONDS) * 1000;
  const record = (id: string) => stub(`record:${id}`);
  // While this guard holds a value's lease nobody else changes its memory, so the memory read
  // with the lease answers `recall`, and `remember` is written with the release: three lease
  // calls fewer for a person seen again (each call is a request to a Durable Object).
  const known = new Map<string, string | undefined>();
  const toRemember = new Map<string, string>();
  const guard: MatchGuard = {
    async withLeases(values, fn) {
      const holder = crypto.randomUUID();
      const keys = [...new Set(values)].sort();
      const held: string[] = [];
      let renewal: ReturnType<typeof setInterval> | null = null;
      try {
        if (keys.length > 1) {
          // All at once when they are free. Only a sorted prefix of them may be kept while
          // waiting for the rest (holding a later value while waiting for an earlier one
          // could deadlock with a run doing the opposite); the others are given back.
          const tried = (await Promise.allSettled(keys.map((key) => stub(key).tryAcquire(holder, leaseTtlMs)))).map((r) => (r.status === "fulfilled" ? r.value : undefined));
          for (const lease of tried) {
            if (!lease?.acquired) break;
            known.set(keys[held.length], lease.remembered);
            held.push(keys[held.length]);
          }
          await Promise.all(keys.map((key, i) => (i >= held.length && tried[i]?.acquired ? stub(key).release(holder) : undefined)));
        }
        for (const key of keys.slice(held.length)) {
          const lease = await stub(key).acquireWaiting(holder, leaseTtlMs, MAX_WAIT_MS);
          if (!lease.acquired) throw new ConnectorError({ en: `Another run has been working on ${key} for too long.`, ru: `Другой запуск слишком долго работает с ${key}.` }, { transient: true, retryAfterSeconds: 5 });
          held.push(key);
          known.set(key, lease.remembered);
        }
        // A live run keeps its leases however slow the CRM is (a step may wait minutes on
        // 429s); only a run that stopped renewing (crashed) loses them when they expire.
        renewal = setInterval(() => {
          for (const key of held) stub(key).acquire(holder, leaseTtlMs).catch(() => undefined);
        }, leaseTtlMs / 3);
        return await fn();
      } finally {
        if (renewal) clearInterval(renewal);
        await Promise.all(
          held.map((key) => {
            const recordId = toRemember.get(key);
            known.delete(key);
            toRemember.delete(key);
            return stub(key).release(holder, recordId === undefined ? undefined : { recordId, ttlMs: memoryMs });
          }),
        );
      }
    },
    async recall(values) {
      const ids = await Promise.all(values.map((v) => (known.has(v) ? known.get(v) : stub(v).recall())));
      return ids.length > 0 && ids.every((id) => id && id === ids[0]) ? ids[0] : undefined;
    },
    async memories(values) {
      const now = Date.now();
      const found = await Promise.all(values.map((v) => stub(v).memory(now)));
      return found.map((m) => m && { recordId: m.recordId, ageing: m.until - now < memoryMs / 2 });
    },
    async remember(values, recordId) {
      const unheld = values.filter((v) => !known.has(v));
      for (const v of values.filter((v) => known.has(v))) {
        known.set(v, recordId);
        toRemember.set(v, recordId);
      }
      await Promise.all(unheld.map((v) => stub(v).remember(recordId, memoryMs)));
    },
    async forget(values, recordId) {
      for (const v of values) {
        if (known.get(v) === recordId) known.set(v, undefined);
        if (toRemember.get(v) === recordId) toRemember.delete(v);
      }
      await Promise.all([...values.map((v) => stub(v).forget(recordId)), record(recordId).forget(recordId)]);
    },
    withRecord: (recordId, fn) => guard.withLeases([`record:${recordId}`], fn),
    written: (recordId) => record(recordId).written(),
    noteWritten: (recordId, fields, onlyIfUnknown) => record(recordId).noteWritten(fields, memoryMs, onlyIfUnknown),
  };
  return guard;
}
