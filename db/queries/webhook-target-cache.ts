// The webhook target (the bundle behind a /hooks/:token, its workspace's limits and ledger
// layout) kept in the isolate for a second (decision 0037): a busy URL's deliveries share one
// D1 read a second instead of paying one each. The read already comes from a replica that may
// lag by a moment (decision 0020); a second more is the same kind of staleness. Writes through
// this isolate to a bundle or to its workspace's settings forget the targets they touch at once,
// so a change made here (turned off, rotated, a new version) holds for the next delivery here.
import { LRUCache } from "lru-cache";

/** How long a target read is reused. */
export const WEBHOOK_TARGET_TTL_MS = 1000;
/**
 * From this age one delivery reads the target again while the others go on with the kept one:
 * a busy URL's read never expires under its deliveries' feet, all of them reading D1 at once.
 */
const REFRESH_AFTER_MS = 800;
/** Tokens kept at most: deliveries to made-up tokens cannot grow the isolate's memory. */
const MAX_TARGETS = 1000;

/** What the cache needs to know of a target to forget it. */
interface Owned {
  bundle: { id: string; workspaceId: string };
}

interface Kept {
  target: Owned | undefined;
  readAt: number;
  /** A delivery is reading it again. */
  refreshing: boolean;
}

// ttlResolution 0: no timer to debounce the clock (a timer outlives the request that set it).
// The expiry reads the same clock as `readAt` (on Workers both only move between I/O anyway).
const targets = new LRUCache<string, Kept>({ max: MAX_TARGETS, ttl: WEBHOOK_TARGET_TTL_MS, ttlResolution: 0, perf: { now: () => Date.now() } });
/** Bumped by every forget: a read that a forget overtook is not kept. */
let forgets = 0;

/** The target of `token`, read by `read` unless a read of the last second is at hand. */
export async function cachedWebhookTarget<T extends Owned>(token: string, read: () => Promise<T | undefined>): Promise<T | undefined> {
  const kept = targets.get(token);
  if (kept && (kept.refreshing || Date.now() - kept.readAt < REFRESH_AFTER_MS)) return kept.target as T | undefined;
  if (kept) kept.refreshing = true;
  const forgetsBefore = forgets;
  let target: T | undefined;
  try {
    target = await read();
  } catch (err) {
    // A refresh that fails (D1 unavailable for a moment) answers with the kept target for the
    // rest of its second, unless a change made here since asked to forget it.
    if (kept && forgets === forgetsBefore) return kept.target as T | undefined;
    throw err;
  } finally {
    if (kept) kept.refreshing = false;
  }
  if (forgets === forgetsBefore) targets.set(token, { target, readAt: Date.now(), refreshing: false });
  return target;
}

/** A bundle, or every bundle of a workspace, changed: its targets are read again. */
export function forgetWebhookTargets(changed: { bundleId: string } | { workspaceId: string }): void {
  forgets++;
  const stale: string[] = [];
  targets.forEach(({ target }, token) => {
    // Unknown tokens are forgotten too: a bundle created or rotated here may now own one.
    if (!target || ("bundleId" in changed ? target.bundle.id === changed.bundleId : target.bundle.workspaceId === changed.workspaceId)) stale.push(token);
  });
  for (const token of stale) targets.delete(token);
}
