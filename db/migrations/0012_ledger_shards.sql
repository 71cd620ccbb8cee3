-- How many run ledgers the workspace's runs are split over, by bundle (1..64; docs/scale.md
-- "When one workspace outgrows its ledger"). It only grows: runs stay in the shard they were
-- recorded in until retention deletes them. Existing workspaces keep one ledger.
-- Hand-written, like 0011.
ALTER TABLE `workspace_settings` ADD `ledger_shards` integer DEFAULT 1 NOT NULL;
