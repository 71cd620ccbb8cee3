// One Durable Object per dedup match value (e.g. "ws:conn:phone:+79123456789") and per record
// ("ws:conn:record:123"). A run holds the lease while it searches and creates, so two runs
// never find-then-create the same contact at once. Leases expire, so a crashed run cannot
// block a contact forever. A match value's object also remembers which record it last
// created or matched, because CRM search lags behind writes: the next run asks here first.
// A record's object remembers the fields dedup last wrote onto it, so an update that would
// change nothing is not sent. Each object keeps at most one lease and one memory, and clears
// itself when they have expired.
import { DurableObject } from "cloudflare:workers";

export type LeaseResult = { acquired: true; expiresAt: number } | { acquired: false; holder: string; retryAfterMs: number };

/** A lease taken by `acquireWaiting`, with the record this value is remembered as (saves a `recall`). */
export type WaitedLease = Exclude<LeaseResult, { acquired: true }> | { acquired: true; expiresAt: number; remembered: string | undefined };

/** Field name → normalised value, as written onto a record. */
export type WrittenFields = Record<string, string>;

interface Lease {
  holder: string;
  expiresAt: number;
}

export interface Memory {
  recordId: string;
  until: number;
}

interface Written {
  fields: WrittenFields;
  until: number;
}

export class DedupLease extends DurableObject {
  /** Callers of `acquireWaiting` waiting here for the lease, first come first served. */
  private readonly waiting: Array<() => void> = [];
  /** A release woke a waiter that has not taken the lease yet: `tryAcquire` must not jump it. */
  private handingOver = false;

  /** Takes the lease for `holder` unless someone else holds an unexpired one. Re-entrant. */
  async acquire(holder: string, ttlMs: number, now: number = Date.now()): Promise<LeaseResult> {
    const current = await this.ctx.storage.get<Lease>("lease");
    if (current && current.holder !== holder && current.expiresAt > now) {
      return { acquired: false, holder: current.holder, retryAfterMs: current.expiresAt - now };
    }
    const lease = { holder, expiresAt: now + ttlMs };
    await this.ctx.storage.put("lease", lease);
    return { acquired: true, expiresAt: lease.expiresAt };
  }

  /**
   * `acquire`, waiting up to `waitMs` for the holder to release it or for it to expire. The
   * release wakes the next waiter at once: polling every 100 ms made runs of one contact hand
   * the lease on a poll apart (a tenth of a second a run under contention). Waiters live in
   * memory; if the object is evicted their calls fail and the callers ask again.
   */
  async acquireWaiting(holder: string, ttlMs: number, waitMs: number): Promise<WaitedLease> {
    const deadline = Date.now() + waitMs;
    for (;;) {
      const lease = await this.acquire(holder, ttlMs);
      this.handingOver = false;
      if (lease.acquired) return { ...lease, remembered: await this.recall() };
      const wait = Math.min(deadline - Date.now(), lease.retryAfterMs);
      if (wait <= 0) return lease;
      await new Promise<void>((resolve) => {
        const wake = () => {
          clearTimeout(timer);
          const at = this.waiting.indexOf(wake);
          if (at >= 0) this.waiting.splice(at, 1);
          resolve();
        };
        const timer = setTimeout(wake, wait);
        this.waiting.push(wake);
      });
    }
  }

  /**
   * Takes the lease if it is free and nobody is waiting for it (so it never jumps the queue);
   * never waits. A run needing several values tries them all at once this way, one round trip
   * instead of one per value, and waits in sorted order only for what it did not get.
   */
  async tryAcquire(holder: string, ttlMs: number): Promise<WaitedLease> {
    if (this.waiting.length > 0 || this.handingOver) return { acquired: false, holder: "", retryAfterMs: 0 };
    return this.acquireWaiting(holder, ttlMs, 0);
  }

  /**
   * Gives the lease back and wakes the first waiter; a holder that no longer holds it changes
   * nothing. `remember`: the record this value was matched or created as, noted in the same
   * call (as `remember` would; the note stands even if the lease had expired meanwhile).
   */
  async release(holder: string, remember?: { recordId: string; ttlMs: number }): Promise<boolean> {
    if (remember) await this.remember(remember.recordId, remember.ttlMs);
    const current = await this.ctx.storage.get<Lease>("lease");
    if (!current || current.holder !== holder) return false;
    await this.ctx.storage.delete("lease");
    if (this.waiting.length > 0) {
      this.handingOver = true;
      this.waiting[0]();
    }
    return true;
  }

  /** Notes the record this match value belongs to, for `ttlMs`. */
  async remember(recordId: string, ttlMs: number, now: number = Date.now()): Promise<void> {
    await this.keep("memory", { recordId, until: now + ttlMs } satisfies Memory);
  }

  async recall(now: number = Date.now()): Promise<string | undefined> {
    return (await this.memory(now))?.recordId;
  }

  /** The record this value is remembered as and until when, read without a lease. */
  async memory(now: number = Date.now()): Promise<Memory | undefined> {
    const memory = await this.ctx.storage.get<Memory>("memory");
    return memory && memory.until > now ? memory : undefined;
  }

  /**
   * Notes the fields just written onto this record, merged over those written before (the
   * record has both). `onlyIfUnknown`: a record just created, which a faster run may already
   * have updated; then its note is the newer one.
   */
  async noteWritten(fields: WrittenFields, ttlMs: number, onlyIfUnknown = false, now: number = Date.now()): Promise<void> {
    const before = await this.written(now);
    if (before && onlyIfUnknown) return;
    await this.keep("written", { fields: { ...before, ...fields }, until: now + ttlMs } satisfies Written);
  }

  async written(now: number = Date.now()): Promise<WrittenFields | undefined> {
    const written = await this.ctx.storage.get<Written>("written");
    return written && written.until > now ? written.fields : undefined;
  }

  /** Drops what this object remembers of `recordId` (gone from the CRM); a lease stays. */
  async forget(recordId: string): Promise<void> {
    const memory = await this.ctx.storage.get<Memory>("memory");
    await this.ctx.storage.delete(memory?.recordId === recordId ? ["memory", "written"] : ["written"]);
  }

  async alarm(): Promise<void> {
    const now = Date.now();
    const [lease, memory, written] = await Promise.all([
      this.ctx.storage.get<Lease>("lease"),
      this.ctx.storage.get<Memory>("memory"),
      this.ctx.storage.get<Written>("written"),
    ]);
    const left = Math.max(lease?.expiresAt ?? 0, memory?.until ?? 0, written?.until ?? 0);
    if (left > now) await this.ctx.storage.setAlarm(left);
    else await this.ctx.storage.deleteAll();
  }

  /** Stores a memory and wakes up when it expires, so stale memories do not pile up. */
  private async keep(key: "memory" | "written", value: Memory | Written): Promise<void> {
    await this.ctx.storage.put(key, value);
    // A later memory moves a set alarm on when it rings (alarm()), not here: one write fewer.
    if ((await this.ctx.storage.getAlarm()) === null) await this.ctx.storage.setAlarm(value.until);
  }
}
