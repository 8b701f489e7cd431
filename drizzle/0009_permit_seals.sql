CREATE TABLE `permit_seals` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`terminal_id` text NOT NULL,
	`deleted_at` text,
	`permit_id` text NOT NULL,
	`seq` integer NOT NULL,
	`event` text NOT NULL,
	`at` text NOT NULL,
	`snapshot` text NOT NULL,
	`digest` text NOT NULL,
	`prev_mac` text NOT NULL,
	`mac` text NOT NULL,
	FOREIGN KEY (`permit_id`) REFERENCES `permits`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `permit_seals_chain_uq` ON `permit_seals` (`terminal_id`,`seq`);
--> statement-breakpoint
CREATE INDEX `permit_seals_permit` ON `permit_seals` (`permit_id`,`id`);
--> statement-breakpoint
-- Seals are records of fact: never changed or removed (an edit behind the app must also drop these).
CREATE TRIGGER `permit_seals_no_update` BEFORE UPDATE ON `permit_seals`
BEGIN SELECT RAISE(ABORT, 'permit_seals is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `permit_seals_no_delete` BEFORE DELETE ON `permit_seals`
BEGIN SELECT RAISE(ABORT, 'permit_seals is append-only'); END;
