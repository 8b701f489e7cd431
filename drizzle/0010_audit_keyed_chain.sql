-- Issue E: the audit trail gets keyed chains, one per terminal. Rows already written keep their
-- unkeyed SHA-256 seal ('sha256', chain_seq NULL) - the trail is append-only, nothing is re-sealed;
-- rows written from here on are sealed 'hmac1' with chain_seq 1, 2, 3 ... per terminal_id.
ALTER TABLE `audit_events` ADD `seal` text DEFAULT 'sha256' NOT NULL;
--> statement-breakpoint
ALTER TABLE `audit_events` ADD `chain_seq` integer;
--> statement-breakpoint
CREATE UNIQUE INDEX `audit_chain` ON `audit_events` (`terminal_id`,`chain_seq`) WHERE chain_seq IS NOT NULL;
--> statement-breakpoint
-- The tail of the unkeyed rows (a new terminal's chain links to it) without walking the keyed ones.
CREATE INDEX `audit_legacy` ON `audit_events` (`seq`) WHERE seal = 'sha256';
--> statement-breakpoint
-- The terminals of the site, by name (审计日志 shows the name; LAN sync will bring the others').
CREATE TABLE `terminals` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`terminal_id` text NOT NULL,
	`deleted_at` text,
	`name` text NOT NULL
);
