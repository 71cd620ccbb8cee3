// The Worker's bindings, as declared in wrangler.toml.
import type { ConnectorRateLimit } from "./connectors/rate-limit-object";
import type { DedupLease } from "./dedup/lease-object";
import type { RunLedger } from "./runs/ledger-object";
import type { RunMessage } from "./runs/run-message";
import type { PollMessage } from "./schedule/poll-message";

export interface Env {
  DB: D1Database;
  ASSETS: Fetcher;
  DEDUP: DurableObjectNamespace<DedupLease>;
  /** One run ledger per workspace: runs, step results and logs (worker/runs/ledger-object.ts). */
  RUN_LEDGER: DurableObjectNamespace<RunLedger>;
  /** One message per run; the Worker's queue() handler executes it (worker/engine/queue-consumer.ts). */
  RUN_QUEUE: Queue<RunMessage>;
  /** One message per due Sheets poll; the Worker's queue() handler polls (worker/schedule/poll-consumer.ts). */
  POLL_QUEUE: Queue<PollMessage>;
  /** Large run payloads (triggers, step outputs over 32 KB), referenced from the ledger. */
  PAYLOADS: R2Bucket;
  CONNECTOR_RATE_LIMIT: DurableObjectNamespace<ConnectorRateLimit>;
  /** Request limits (worker/http/rate-limits.ts): log-in, sign-up, webhook URLs, share lookups. */
  LOGIN_RATE_LIMIT?: RateLimit;
  LOGIN_ADDRESS_RATE_LIMIT?: RateLimit;
  SIGNUP_RATE_LIMIT?: RateLimit;
  SHARE_RATE_LIMIT?: RateLimit;
  /** Signs session cookies (better-auth). Secret. */
  BETTER_AUTH_SECRET: string;
  /** Base64 AES-256 key for connection secrets. Secret. */
  ENCRYPTION_KEY: string;
  /** The previous ENCRYPTION_KEY during a key rotation: still decrypts, never encrypts. Secret. */
  ENCRYPTION_KEY_PREVIOUS?: string;
  /** Opens the operator routes (/api/v1/internal/keys: key rotation) to `Bearer <token>`; unset, they answer 404. Secret. */
  OPERATOR_TOKEN?: string;
  /** The public origin, e.g. https://svyazka.example.com; local default http://localhost:8787. */
  PUBLIC_URL?: string;
  /** How long dedup remembers a created or matched record (CRM search lags behind writes). */
  DEDUP_MEMORY_SECONDS?: string;
  /** Default workspace limits (worker/quotas/limits.ts); a workspace_quota row overrides them. */
  QUOTA_RUNS_PER_MONTH?: string;
  QUOTA_BUNDLES?: string;
  QUOTA_STEPS_PER_RUN?: string;
  /** "true" lets connectors reach private and loopback addresses (local dev, tests). */
  ALLOW_PRIVATE_NETWORK?: string;
  /** DNS-over-HTTPS (JSON) endpoint the SSRF guard resolves names with; default Cloudflare's. */
  DNS_RESOLVER_URL?: string;
  /** "true" counts every binding call for the scale bench (worker/meter/); never in production. */
  METER?: string;
}
