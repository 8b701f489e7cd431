ALTER TABLE `log_entries` ADD `source_kind` text;--> statement-breakpoint
ALTER TABLE `log_entries` ADD `source_id` text;--> statement-breakpoint
CREATE INDEX `log_entries_source` ON `log_entries` (`source_kind`,`source_id`);
