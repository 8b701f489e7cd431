CREATE TABLE `sync_changes` (
	`origin` text NOT NULL,
	`seq` integer NOT NULL,
	`hlc` text NOT NULL,
	`tbl` text NOT NULL,
	`row_id` text NOT NULL,
	`op` text NOT NULL,
	`vals` text NOT NULL,
	`hash` text,
	`sig` text,
	`note` text,
	PRIMARY KEY(`origin`, `seq`)
);
--> statement-breakpoint
CREATE INDEX `sync_changes_row` ON `sync_changes` (`tbl`,`row_id`);--> statement-breakpoint
CREATE TABLE `sync_conflicts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` text NOT NULL,
	`tbl` text NOT NULL,
	`row_id` text NOT NULL,
	`col` text NOT NULL,
	`kept` text,
	`lost` text,
	`lost_origin` text NOT NULL,
	`lost_hlc` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `sync_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` text NOT NULL,
	`direction` text NOT NULL,
	`peer_id` text,
	`count` integer DEFAULT 0 NOT NULL,
	`detail` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `sync_log_at` ON `sync_log` (`at`);--> statement-breakpoint
CREATE TABLE `sync_peers` (
	`terminal_id` text PRIMARY KEY NOT NULL,
	`address` text,
	`last_sync_at` text,
	`last_ok_at` text,
	`offline_since` text,
	`last_error` text,
	`clock_offset_ms` integer,
	`waiting_in` integer,
	`their_vector` text
);
--> statement-breakpoint
CREATE TABLE `sync_state` (
	`id` integer PRIMARY KEY NOT NULL,
	`origin` text NOT NULL,
	`hlc` text NOT NULL,
	`applying` integer DEFAULT 0 NOT NULL,
	`sealed_seq` integer DEFAULT 0 NOT NULL,
	`sealed_hash` text DEFAULT '' NOT NULL,
	`enabled` integer DEFAULT 0 NOT NULL,
	`site_key` text
);
--> statement-breakpoint
ALTER TABLE `terminals` ADD `cert_pem` text;--> statement-breakpoint
ALTER TABLE `terminals` ADD `cert_fp` text;--> statement-breakpoint
ALTER TABLE `terminals` ADD `series_mark` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `terminals` ADD `revoked_at` text;--> statement-breakpoint
ALTER TABLE `terminals` ADD `sync_address` text;--> statement-breakpoint
-- The 寄存回执 numbers (JC) now come from the same per-terminal series as every other serial (takeSeriesSerial): carry the counters over so no number is issued twice.
INSERT INTO `permit_serials` (`kind`, `year`, `last`, `updated_at`) SELECT 'spareKeyReceipt', `year`, `last`, `updated_at` FROM `spare_key_serials`;
