CREATE TABLE `failure_streak` (
	`bundle_id` text PRIMARY KEY NOT NULL,
	`failures` integer NOT NULL
);
