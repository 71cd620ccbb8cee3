// The Worker's entry: HTTP (API, hooks, embeds; the dashboard is served as static assets),
// the Cron Trigger, the runs queue's consumer, and the Durable Object classes wrangler.toml binds.
import app from "./app";
import type { Env } from "./env";
import { consumeRuns } from "./engine/queue-consumer";
import type { RunMessage } from "./runs/run-message";
import { cronTick } from "./schedule/cron-tick";

export { ConnectorRateLimit } from "./connectors/rate-limit-object";
export { DedupLease } from "./dedup/lease-object";
export { RunLedger } from "./runs/ledger-object";

export default {
  fetch: app.fetch,
  async scheduled(controller, env, ctx) {
    ctx.waitUntil(cronTick(env, controller.scheduledTime));
  },
  queue: (batch, env) => consumeRuns(batch as MessageBatch<RunMessage>, env),
} satisfies ExportedHandler<Env>;
