CREATE TABLE `bundle_version` (
	`workspace_id` text NOT NULL,
	`bundle_id` text NOT NULL,
	`version` integer NOT NULL,
	`document` text NOT NULL,
	`created_by` text,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	PRIMARY KEY(`bundle_id`, `version`),
	FOREIGN KEY (`workspace_id`) REFERENCES `organization`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`bundle_id`) REFERENCES `bundle`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `connection` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`app` text NOT NULL,
	`name` text NOT NULL,
	`fields` text NOT NULL,
	`secrets` text,
	`status` text DEFAULT 'untested' NOT NULL,
	`status_reason` text,
	`tested_at` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`workspace_id`) REFERENCES `organization`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `connection_workspace_idx` ON `connection` (`workspace_id`);--> statement-breakpoint
CREATE TABLE `run` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`bundle_id` text NOT NULL,
	`bundle_version` integer NOT NULL,
	`status` text DEFAULT 'queued' NOT NULL,
	`event_key` text NOT NULL,
	`trigger` text,
	`error` text,
	`retry_of` text,
	`retry_from` text,
	`notified_at` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`started_at` integer,
	`finished_at` integer,
	FOREIGN KEY (`workspace_id`) REFERENCES `organization`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`bundle_id`) REFERENCES `bundle`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `run_bundle_event_idx` ON `run` (`bundle_id`,`event_key`);--> statement-breakpoint
CREATE INDEX `run_workspace_created_idx` ON `run` (`workspace_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `run_bundle_created_idx` ON `run` (`bundle_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `run_status_created_idx` ON `run` (`status`,`created_at`);--> statement-breakpoint
CREATE TABLE `step_log` (
	`workspace_id` text NOT NULL,
	`run_id` text NOT NULL,
	`step_id` text NOT NULL,
	`attempt` integer NOT NULL,
	`seq` integer NOT NULL,
	`status` text NOT NULL,
	`input` text,
	`output` text,
	`error` text,
	`notes` text,
	`started_at` integer NOT NULL,
	`duration_ms` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`run_id`, `step_id`, `attempt`),
	FOREIGN KEY (`workspace_id`) REFERENCES `organization`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`run_id`) REFERENCES `run`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `workspace_settings` (
	`workspace_id` text PRIMARY KEY NOT NULL,
	`timezone` text DEFAULT 'Europe/Moscow' NOT NULL,
	`phone_country` text DEFAULT 'RU' NOT NULL,
	`log_retention_days` integer DEFAULT 30 NOT NULL,
	`pause_after_failures` integer DEFAULT 10 NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`workspace_id`) REFERENCES `organization`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
ALTER TABLE `bundle` ADD `paused_reason` text;--> statement-breakpoint
ALTER TABLE `bundle` ADD `consecutive_failures` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `bundle` ADD `test_data` text;