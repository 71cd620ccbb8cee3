CREATE TABLE `sheet_row` (
	`bundle_id` text NOT NULL,
	`identity` text NOT NULL,
	`watched` text,
	`revision` integer DEFAULT 0 NOT NULL,
	`seen_at` integer NOT NULL,
	PRIMARY KEY(`bundle_id`, `identity`)
);
--> statement-breakpoint
CREATE INDEX `sheet_row_seen_idx` ON `sheet_row` (`bundle_id`,`seen_at`);