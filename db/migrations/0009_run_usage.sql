-- Runs started per workspace and calendar month (UTC), kept by a trigger on every run insert,
-- so the runs quota is one row read instead of a count over the month's runs on every start
-- (and deleting old runs under log retention no longer gives the month's runs back).
-- Hand-written: drizzle-kit does not write triggers.
CREATE TABLE `workspace_usage` (
	`workspace_id` text NOT NULL,
	`month` text NOT NULL,
	`runs` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`workspace_id`, `month`),
	FOREIGN KEY (`workspace_id`) REFERENCES `organization`(`id`) ON UPDATE no action ON DELETE cascade
);--> statement-breakpoint
INSERT INTO `workspace_usage` (`workspace_id`, `month`, `runs`)
	SELECT `workspace_id`, strftime('%Y-%m', `created_at` / 1000, 'unixepoch'), count(*) FROM `run` GROUP BY 1, 2;--> statement-breakpoint
CREATE TRIGGER `run_counts_usage` AFTER INSERT ON `run` BEGIN
	INSERT OR IGNORE INTO `workspace_usage` (`workspace_id`, `month`, `runs`)
		VALUES (NEW.`workspace_id`, strftime('%Y-%m', NEW.`created_at` / 1000, 'unixepoch'), 0);
	UPDATE `workspace_usage` SET `runs` = `runs` + 1
		WHERE `workspace_id` = NEW.`workspace_id` AND `month` = strftime('%Y-%m', NEW.`created_at` / 1000, 'unixepoch');
END;
