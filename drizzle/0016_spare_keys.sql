-- Owners' spare keys in custody (issue F, 业主寄存钥匙). Everything here is a record of fact with its
-- own UUIDv7 id (append-only: triggers refuse UPDATE and DELETE), so a LAN sync merges by union and
-- never conflicts. A deposit's state (held / out / closed) and a collector's (valid / ended) are
-- derived from the facts; nothing is edited in place. A mistyped collector is ended and entered again.
CREATE TABLE `spare_key_serials` (
	`year` integer PRIMARY KEY NOT NULL,
	`last` integer NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `spare_key_deposits` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`terminal_id` text NOT NULL,
	`deleted_at` text,
	`receipt_no` text NOT NULL,
	`unit_id` text NOT NULL REFERENCES `units`(`id`),
	`owner_resident_id` text NOT NULL REFERENCES `residents`(`id`),
	`owner_name` text NOT NULL,
	`description` text NOT NULL,
	`key_count` integer NOT NULL CHECK (`key_count` >= 1),
	`bag_no` text NOT NULL,
	`deposited_at` text NOT NULL,
	`staff_id` text NOT NULL REFERENCES `staff`(`id`),
	`note` text
);
--> statement-breakpoint
CREATE INDEX `spare_key_deposits_unit` ON `spare_key_deposits` (`unit_id`);
--> statement-breakpoint
CREATE TABLE `spare_key_moves` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`terminal_id` text NOT NULL,
	`deleted_at` text,
	`deposit_id` text NOT NULL REFERENCES `spare_key_deposits`(`id`),
	`move` text NOT NULL CHECK (`move` IN ('release', 'return', 'refused', 'close')),
	`at` text NOT NULL,
	`release_id` text REFERENCES `spare_key_moves`(`id`),
	`person_role` text CHECK (`person_role` IN ('owner', 'collector', 'unlisted')),
	`resident_id` text REFERENCES `residents`(`id`),
	`collector_id` text REFERENCES `spare_key_collectors`(`id`),
	`person_name` text NOT NULL,
	`id_number` text,
	`entry` text CHECK (`entry` IN ('typed', 'reader')),
	`key_count` integer,
	`bag_no` text,
	`reason` text,
	`staff_id` text NOT NULL REFERENCES `staff`(`id`)
);
--> statement-breakpoint
CREATE INDEX `spare_key_moves_deposit` ON `spare_key_moves` (`deposit_id`, `at`);
--> statement-breakpoint
CREATE TABLE `spare_key_collectors` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`terminal_id` text NOT NULL,
	`deleted_at` text,
	`unit_id` text NOT NULL REFERENCES `units`(`id`),
	`owner_resident_id` text NOT NULL REFERENCES `residents`(`id`),
	`owner_name` text NOT NULL,
	`name` text NOT NULL,
	`id_number` text NOT NULL,
	`phone` text NOT NULL,
	`relation` text NOT NULL,
	`valid_from` text NOT NULL,
	`valid_to` text NOT NULL,
	`note` text,
	`staff_id` text NOT NULL REFERENCES `staff`(`id`)
);
--> statement-breakpoint
CREATE INDEX `spare_key_collectors_unit` ON `spare_key_collectors` (`unit_id`);
--> statement-breakpoint
CREATE TABLE `spare_key_collector_ends` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`terminal_id` text NOT NULL,
	`deleted_at` text,
	`collector_id` text NOT NULL REFERENCES `spare_key_collectors`(`id`),
	`reason` text NOT NULL,
	`staff_id` text NOT NULL REFERENCES `staff`(`id`)
);
--> statement-breakpoint
CREATE INDEX `spare_key_collector_ends_collector` ON `spare_key_collector_ends` (`collector_id`);
--> statement-breakpoint
CREATE TABLE `spare_key_files` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`terminal_id` text NOT NULL,
	`deleted_at` text,
	`collector_id` text NOT NULL REFERENCES `spare_key_collectors`(`id`),
	`label` text NOT NULL,
	`file_name` text NOT NULL,
	`mime` text NOT NULL,
	`size_bytes` integer NOT NULL,
	`data_url` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `spare_key_files_collector` ON `spare_key_files` (`collector_id`);
--> statement-breakpoint
CREATE TRIGGER `spare_key_serials_up_only` BEFORE UPDATE ON `spare_key_serials`
WHEN NEW.last <= OLD.last OR NEW.year IS NOT OLD.year
BEGIN SELECT RAISE(ABORT, 'serial numbers only go up'); END;
--> statement-breakpoint
CREATE TRIGGER `spare_key_serials_no_delete` BEFORE DELETE ON `spare_key_serials`
BEGIN SELECT RAISE(ABORT, 'serial counters are never deleted'); END;
--> statement-breakpoint
CREATE TRIGGER `spare_key_deposits_no_update` BEFORE UPDATE ON `spare_key_deposits`
BEGIN SELECT RAISE(ABORT, 'spare_key_deposits is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `spare_key_deposits_no_delete` BEFORE DELETE ON `spare_key_deposits`
BEGIN SELECT RAISE(ABORT, 'spare_key_deposits is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `spare_key_moves_no_update` BEFORE UPDATE ON `spare_key_moves`
BEGIN SELECT RAISE(ABORT, 'spare_key_moves is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `spare_key_moves_no_delete` BEFORE DELETE ON `spare_key_moves`
BEGIN SELECT RAISE(ABORT, 'spare_key_moves is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `spare_key_collectors_no_update` BEFORE UPDATE ON `spare_key_collectors`
BEGIN SELECT RAISE(ABORT, 'spare_key_collectors is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `spare_key_collectors_no_delete` BEFORE DELETE ON `spare_key_collectors`
BEGIN SELECT RAISE(ABORT, 'spare_key_collectors is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `spare_key_collector_ends_no_update` BEFORE UPDATE ON `spare_key_collector_ends`
BEGIN SELECT RAISE(ABORT, 'spare_key_collector_ends is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `spare_key_collector_ends_no_delete` BEFORE DELETE ON `spare_key_collector_ends`
BEGIN SELECT RAISE(ABORT, 'spare_key_collector_ends is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `spare_key_files_no_update` BEFORE UPDATE ON `spare_key_files`
BEGIN SELECT RAISE(ABORT, 'spare_key_files is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `spare_key_files_no_delete` BEFORE DELETE ON `spare_key_files`
BEGIN SELECT RAISE(ABORT, 'spare_key_files is append-only'); END;
