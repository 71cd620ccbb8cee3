-- Webhook deliveries per second each bundle URL of the workspace accepts (1..1000); beyond it
-- a delivery is answered 429 and nothing is stored. Existing workspaces get the default.
-- Hand-written, like 0008 and 0009.
ALTER TABLE `workspace_settings` ADD `hook_rate_per_second` integer DEFAULT 100 NOT NULL;
