// Request rate limits on the doors anyone can knock on (docs/decisions/0014): log-in, sign-up,
// public webhook URLs, share-token lookups: a new door is one more rule in http/rate-limits.ts
// with its own binding in wrangler.toml. Counting is done by
// the Workers rate-limit binding (a fixed window of 10 or 60 s per key, per Cloudflare
// location); over the limit the caller gets 429 `rate_limited` with Retry-After = the window.
import type { Context, MiddlewareHandler } from "hono";
import type { AppEnv } from "./context";
import { RateLimited } from "../errors";
import type { Text } from "../i18n";

export interface RateLimitRule {
  /** The binding that counts (wrangler.toml [[ratelimits]]); undefined where it is not bound. */
  limiter: (c: Context<AppEnv>) => RateLimit | undefined;
  /** The binding's window in seconds (10 or 60), sent as Retry-After. */
  periodSeconds: 10 | 60;
  /** What is counted; undefined skips this rule for the request (e.g. no client address known). */
  keys: (c: Context<AppEnv>) => Promise<Array<string | undefined>> | Array<string | undefined>;
  /** The message, for a person: what was limited and when to try again (a pair on /api/*; webhook answers stay English). */
  message: string | Text;
}

export function rateLimit(rule: RateLimitRule): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await enforceRateLimit(c, rule);
    await next();
  };
}

/** The same check inside a handler (doors that share one count across routes): throws the 429. */
export async function enforceRateLimit(c: Context<AppEnv>, rule: RateLimitRule): Promise<void> {
  if (await overLimit(c, rule)) throw new RateLimited(rule.message, rule.periodSeconds);
}

/** Counts this request under each of the rule's keys; true once one of them is over its limit. */
async function overLimit(c: Context<AppEnv>, rule: RateLimitRule): Promise<boolean> {
  const limiter = rule.limiter(c);
  if (!limiter) return false;
  for (const key of await rule.keys(c)) {
    if (key === undefined) continue;
    if (!(await limiter.limit({ key })).success) return true;
  }
  return false;
}

/**
 * The caller's address as Cloudflare's edge gives it, for address-keyed limits. Undefined —
 * the limit does not apply — when it is absent (the Worker called directly, as in tests) or
 * loopback (`npm start` on the developer's machine; the edge never sends a loopback address).
 */
export function clientAddress(c: Context): string | undefined {
  const ip = c.req.header("cf-connecting-ip");
  if (!ip || ip === "::1" || ip.startsWith("127.") || ip.startsWith("::ffff:127.")) return undefined;
  return ip;
}

/** The `email` field of a JSON body, normalised, read without consuming the body. */
export async function bodyEmail(c: Context): Promise<string | undefined> {
  const body = (await c.req.raw.clone().json().catch(() => undefined)) as { email?: unknown } | undefined;
  return typeof body?.email === "string" ? body.email.trim().toLowerCase() : undefined;
}
