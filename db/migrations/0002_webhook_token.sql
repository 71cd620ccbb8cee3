-- Existing bundles get a random token (SQLite cannot add a NOT NULL column without a default).
ALTER TABLE `bundle` ADD `webhook_token` text NOT NULL DEFAULT '';--> statement-breakpoint
UPDATE `bundle` SET `webhook_token` = lower(hex(randomblob(24))) WHERE `webhook_token` = '';--> statement-breakpoint
CREATE UNIQUE INDEX `bundle_webhook_token_unique` ON `bundle` (`webhook_token`);
