CREATE TABLE `meta` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `payload` (
	`key` text PRIMARY KEY NOT NULL,
	`run_id` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `payload_run_idx` ON `payload` (`run_id`);--> statement-breakpoint
CREATE TABLE `run` (
	`id` text PRIMARY KEY NOT NULL,
	`bundle_id` text NOT NULL,
	`bundle_version` integer NOT NULL,
	`status` text DEFAULT 'queued' NOT NULL,
	`event_key` text NOT NULL,
	`trigger` text,
	`error` text,
	`retry_of` text,
	`retry_from` text,
	`notified_at` integer,
	`created_at` integer NOT NULL,
	`started_at` integer,
	`finished_at` integer,
	`lease_owner` text,
	`lease_until` integer DEFAULT 0 NOT NULL,
	`wake_at` integer,
	`wake_by_alarm` integer DEFAULT false NOT NULL,
	`deliveries` integer DEFAULT 0 NOT NULL,
	`last_error` text,
	`touched_at` integer NOT NULL,
	`settled` integer DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `run_bundle_event_idx` ON `run` (`bundle_id`,`event_key`);--> statement-breakpoint
CREATE INDEX `run_created_idx` ON `run` (`created_at`);--> statement-breakpoint
CREATE INDEX `run_bundle_created_idx` ON `run` (`bundle_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `run_status_created_idx` ON `run` (`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `run_unsettled_idx` ON `run` (`settled`,`touched_at`);--> statement-breakpoint
CREATE TABLE `step_log` (
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
	PRIMARY KEY(`run_id`, `step_id`, `attempt`)
);
--> statement-breakpoint
CREATE TABLE `step_result` (
	`run_id` text NOT NULL,
	`name` text NOT NULL,
	`value` text,
	PRIMARY KEY(`run_id`, `name`)
);
--> statement-breakpoint
CREATE TABLE `usage` (
	`month` text PRIMARY KEY NOT NULL,
	`runs` integer DEFAULT 0 NOT NULL,
	`flushed_runs` integer DEFAULT 0 NOT NULL
);
