CREATE TABLE `trigger_cursor` (
	`bundle_id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`cursor` text NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`bundle_id`) REFERENCES `bundle`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`workspace_id`) REFERENCES `organization`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
ALTER TABLE `bundle` ADD `next_run_at` integer;--> statement-breakpoint
CREATE INDEX `bundle_next_run_idx` ON `bundle` (`next_run_at`);