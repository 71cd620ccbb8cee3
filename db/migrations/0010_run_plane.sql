-- The run plane moves out of D1 (decision 0020): runs, step logs and the month's run count
-- live in each workspace's run ledger (a Durable Object with SQLite). D1 keeps the control
-- plane; workspace_usage stays, written by the ledgers, no longer by a trigger.
-- Hand-written: drizzle-kit does not write triggers.
DROP TRIGGER IF EXISTS `run_counts_usage`;--> statement-breakpoint
DROP TABLE IF EXISTS `step_log`;--> statement-breakpoint
DROP TABLE IF EXISTS `run`;
