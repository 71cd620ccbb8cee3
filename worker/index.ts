// The Worker's entry: HTTP (API, hooks, embeds; the dashboard is served as static assets),
// the Cron Trigger, the runs and polls queues' consumers, and the Durable Object classes
// wrangler.toml binds.
import app from "./app";
import type { Env } from "./env";
import { ConnectorRateLimit as RateLimitObject } from "./connectors/rate-limit-object";
import { DedupLease as LeaseObject } from "./dedup/lease-object";
import { consumeRuns } from "./engine/queue-consumer";
import { meteredClass, withMeter } from "./meter";
import { RunLedger as Ledger } from "./runs/ledger-object";
import type { RunMessage } from "./runs/run-message";
import { cronTick } from "./schedule/cron-tick";
import { consumePolls } from "./schedule/poll-consumer";
import type { PollMessage } from "./schedule/poll-message";

// Each class workerd constructs with an Env is wrapped, so its binding calls are metered
// (worker/meter/; a no-op unless METER is "true"): wrap a new one the same way.
export const ConnectorRateLimit = meteredClass(RateLimitObject);
export const DedupLease = meteredClass(LeaseObject);
export const RunLedger = meteredClass(Ledger);
// The same names as types: the Durable Object namespaces in the generated Env
// (worker-configuration.d.ts) are typed by the classes wrangler.toml names here.
export type ConnectorRateLimit = RateLimitObject;
export type DedupLease = LeaseObject;
export type RunLedger = Ledger;

const POLLS_QUEUE = "svyazka-polls";

export default withMeter({
  fetch: app.fetch,
  async scheduled(controller, env, ctx) {
    ctx.waitUntil(cronTick(env, controller.scheduledTime));
  },
  // Queue names carry an environment's suffix (svyazka-polls-staging): match the stem.
  queue: (batch, env) =>
    batch.queue.startsWith(POLLS_QUEUE) ? consumePolls(batch as MessageBatch<PollMessage>, env) : consumeRuns(batch as MessageBatch<RunMessage>, env),
} satisfies ExportedHandler<Env>);
