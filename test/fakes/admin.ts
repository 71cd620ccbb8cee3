// The admin surface shared by the doubles in this folder: GET /__admin/state (what the double
// holds, plus request counts per endpoint), POST /__admin/reset, POST /__admin/knobs (merged:
// `failNext: {count, status, retryAfter?, body?}`, `delayMs`). Admin calls are not counted.
import type { Context, Hono, MiddlewareHandler } from "hono";

export interface AdminKnobs {
  failNext: { count: number; status: number; retryAfter?: number; body?: unknown } | null;
  delayMs: number;
}

export interface AdminHooks<K extends object> {
  /** The double's own state for GET /__admin/state. */
  state(): Record<string, unknown>;
  reset(): void;
  /** The double's own knobs, merged by POST /__admin/knobs. */
  knobs?: K;
  /** The body of an injected failure, in the service's error shape. */
  failure(c: Context, status: number, body: unknown): Response;
}

/** Adds the admin routes and the counting/failure middleware; call it before the service's routes. */
export function withAdmin<K extends object>(app: Hono, hooks: AdminHooks<K>): void {
  const defaults = (): AdminKnobs => ({ failNext: null, delayMs: 0 });
  let knobs = defaults();
  let requests: Record<string, number> = {};

  app.get("/__admin/state", (c) => c.json({ ...hooks.state(), requests, knobs: { ...knobs, ...hooks.knobs } }));
  app.post("/__admin/reset", (c) => {
    knobs = defaults();
    requests = {};
    hooks.reset();
    return c.json({ ok: true });
  });
  app.post("/__admin/knobs", async (c) => {
    const patch = (await c.req.json().catch(() => ({}))) as Record<string, unknown>;
    for (const [key, value] of Object.entries(patch)) {
      if (key in knobs) (knobs as unknown as Record<string, unknown>)[key] = value;
      else if (hooks.knobs) (hooks.knobs as Record<string, unknown>)[key] = value;
    }
    return c.json({ ...knobs, ...hooks.knobs });
  });

  const guard: MiddlewareHandler = async (c, next) => {
    if (c.req.path.startsWith("/__admin/")) return next();
    const key = `${c.req.method} ${c.req.path.replace(/\/\d+(?=\/|$)/g, "/:id")}`;
    requests[key] = (requests[key] ?? 0) + 1;
    if (knobs.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, knobs.delayMs));
    const fail = knobs.failNext;
    if (fail && fail.count > 0) {
      fail.count -= 1;
      if (fail.count === 0) knobs.failNext = null;
      const res = hooks.failure(c, fail.status, fail.body);
      if (fail.retryAfter !== undefined) res.headers.set("retry-after", String(fail.retryAfter));
      return res;
    }
    return next();
  };
  app.use("*", guard);
}
