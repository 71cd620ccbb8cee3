-- A workspace-wide failure alert (Telegram connection + chat) for bundles without their own
-- settings.notify_on_failure. Hand-written; the views engineer's migration.
ALTER TABLE `workspace_settings` ADD `notify_connection_id` text;--> statement-breakpoint
ALTER TABLE `workspace_settings` ADD `notify_chat_id` text;
