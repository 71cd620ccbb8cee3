-- The month's run count in D1 is copied by each run ledger of a workspace for its own shard
-- (docs/scale.md "When one workspace outgrows its ledger"), one row each, so shards never
-- overwrite each other's counts; the workspace's month is the sum of its rows. SQLite cannot
-- change a primary key in place: the table is made again, today's rows becoming shard 0's.
-- Hand-written, like 0011.
CREATE TABLE `workspace_usage_new` (
	`workspace_id` text NOT NULL,
	`month` text NOT NULL,
	`shard` integer DEFAULT 0 NOT NULL,
	`runs` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`workspace_id`, `month`, `shard`),
	FOREIGN KEY (`workspace_id`) REFERENCES `organization`(`id`) ON UPDATE no action ON DELETE cascade
);--> statement-breakpoint
INSERT INTO `workspace_usage_new` (`workspace_id`, `month`, `shard`, `runs`) SELECT `workspace_id`, `month`, 0, `runs` FROM `workspace_usage`;--> statement-breakpoint
DROP TABLE `workspace_usage`;--> statement-breakpoint
ALTER TABLE `workspace_usage_new` RENAME TO `workspace_usage`;
