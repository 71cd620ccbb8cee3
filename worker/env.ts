// The Worker's bindings, as declared in wrangler.toml.
import type { DedupLease } from "./dedup/lease-object";
import type { RunParams } from "./engine/run-workflow";

export interface Env {
  DB: D1Database;
  ASSETS: Fetcher;
  DEDUP: DurableObjectNamespace<DedupLease>;
  RUNS: Workflow<RunParams>;
  /** Signs session cookies (better-auth). Secret. */
  BETTER_AUTH_SECRET: string;
  /** Base64 AES-256 key for connection secrets. Secret. */
  ENCRYPTION_KEY: string;
  /** The public origin, e.g. https://svyazka.example.com; local default http://localhost:8787. */
  PUBLIC_URL?: string;
  /** "true" lets connectors reach private and loopback addresses (local dev, tests). */
  ALLOW_PRIVATE_NETWORK?: string;
}
