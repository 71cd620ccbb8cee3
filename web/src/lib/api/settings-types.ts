// Workspace settings (GET/PATCH /w/:ws/settings).

export interface WorkspaceSettings {
  timezone: string;
  /** Two-letter country code for phone numbers written without one. */
  phone_country: string;
  log_retention_days: number;
  /** 0 = never pause. */
  pause_after_failures: number;
  /** Where failed runs of bundles without their own target are reported; null = nowhere. */
  notify_on_failure: { connection: string; chat_id: string } | null;
  /** Webhook deliveries per second each bundle URL accepts (1..1000); more are answered 429. */
  hook_rate_per_second: number;
  /** Run ledgers the workspace's runs are split over, by bundle (1..64); only the owner raises it, never lowers it. */
  ledger_shards: number;
}
