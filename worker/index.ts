// The Worker's entry: HTTP (API, hooks, embeds; the dashboard is served as static assets),
// the Cron Trigger, and the Durable Object and Workflow classes wrangler.toml binds.
import app from "./app";
import type { Env } from "./env";
import { cronTick } from "./schedule/cron-tick";

export { ConnectorRateLimit } from "./connectors/rate-limit-object";
export { DedupLease } from "./dedup/lease-object";
export { RunWorkflow } from "./engine/run-workflow";

export default {
  fetch: app.fetch,
  async scheduled(controller, env, ctx) {
    ctx.waitUntil(cronTick(env, controller.scheduledTime));
  },
} satisfies ExportedHandler<Env>;
