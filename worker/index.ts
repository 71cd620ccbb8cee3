// The Worker's entry: HTTP (API, hooks, embeds; the dashboard is served as static assets),
// the Cron Trigger, and the Durable Object and Workflow classes wrangler.toml binds.
import app from "./app";
import type { Env } from "./env";
import { ConnectorRateLimit as RateLimitObject } from "./connectors/rate-limit-object";
import { DedupLease as LeaseObject } from "./dedup/lease-object";
import { RunWorkflow as Run } from "./engine/run-workflow";
import { meteredClass, withMeter } from "./meter";
import { cronTick } from "./schedule/cron-tick";

// Each class workerd constructs with an Env is wrapped, so its binding calls are metered
// (worker/meter/; a no-op unless METER is "true"): wrap a new one the same way.
export const ConnectorRateLimit = meteredClass(RateLimitObject);
export const DedupLease = meteredClass(LeaseObject);
export const RunWorkflow = meteredClass(Run);

export default withMeter({
  fetch: app.fetch,
  async scheduled(controller, env, ctx) {
    ctx.waitUntil(cronTick(env, controller.scheduledTime));
  },
} satisfies ExportedHandler<Env>);
