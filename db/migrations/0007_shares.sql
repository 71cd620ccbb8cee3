-- Share links (issue 8): a sanitised snapshot of a bundle behind an unguessable token, stored hashed.
CREATE TABLE `share` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`bundle_id` text NOT NULL,
	`bundle_version` integer NOT NULL,
	`name` text NOT NULL,
	`document` text NOT NULL,
	`token_hash` text NOT NULL,
	`token_prefix` text NOT NULL,
	`frame_ancestors` text NOT NULL,
	`show_runs` integer DEFAULT 0 NOT NULL,
	`created_by` text,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`expires_at` integer,
	`revoked_at` integer,
	FOREIGN KEY (`workspace_id`) REFERENCES `organization`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`bundle_id`) REFERENCES `bundle`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `share_token_hash_unique` ON `share` (`token_hash`);--> statement-breakpoint
CREATE INDEX `share_workspace_idx` ON `share` (`workspace_id`,`created_at`);
