// One Durable Object per dedup match value (e.g. "ws:conn:phone:+79123456789"). A run holds
// the lease while it searches and creates, so two runs never find-then-create the same
// contact at once. Leases expire, so a crashed run cannot block a contact forever. The object
// also remembers which record it last created or matched, because CRM search lags behind
// writes: the next run asks here first.
import { DurableObject } from "cloudflare:workers";

export type LeaseResult = { acquired: true; expiresAt: number } | { acquired: false; holder: string; retryAfterMs: number };

interface Lease {
  holder: string;
  expiresAt: number;
}

interface Memory {
  recordId: string;
  until: number;
}

export class DedupLease extends DurableObject {
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

  /** Gives the lease back; a holder that no longer holds it changes nothing. */
  async release(holder: string): Promise<boolean> {
    const current = await this.ctx.storage.get<Lease>("lease");
    if (!current || current.holder !== holder) return false;
    await this.ctx.storage.delete("lease");
    return true;
  }

  /** Notes the record this match value belongs to, for `ttlMs`. */
  async remember(recordId: string, ttlMs: number, now: number = Date.now()): Promise<void> {
    await this.ctx.storage.put("memory", { recordId, until: now + ttlMs } satisfies Memory);
  }

  async recall(now: number = Date.now()): Promise<string | undefined> {
    const memory = await this.ctx.storage.get<Memory>("memory");
    return memory && memory.until > now ? memory.recordId : undefined;
  }
}
