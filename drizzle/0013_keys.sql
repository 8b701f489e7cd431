-- Public keys (issue F, 公共钥匙). The register is an editable, synced row (soft delete); loans,
-- returns and losses are records of fact (append-only, their own UUIDv7 ids): a key's state is
-- derived from its facts, so a LAN sync merges them by union. Two terminals lending the same last
-- copy offline both keep their loan fact; after the merge the key shows more loans out than copies
-- and the supervisor desk lists it as a conflict (key.list: overLent) to be settled by a return.
CREATE TABLE `keys` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`terminal_id` text NOT NULL,
	`deleted_at` text,
	`tag_no` text NOT NULL,
	`name` text NOT NULL,
	`opens` text NOT NULL,
	`area` text,
	`hook` text,
	`copies` integer NOT NULL CHECK (`copies` >= 1),
	`may_leave_site` integer NOT NULL,
	`default_loan_hours` integer NOT NULL CHECK (`default_loan_hours` >= 1),
	`note` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `keys_tag_uq` ON `keys` (`tag_no`) WHERE deleted_at IS NULL;
--> statement-breakpoint
CREATE TABLE `key_loans` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`terminal_id` text NOT NULL,
	`deleted_at` text,
	`key_id` text NOT NULL REFERENCES `keys`(`id`),
	`borrower_kind` text NOT NULL CHECK (`borrower_kind` IN ('staff', 'outsider')),
	`staff_id` text REFERENCES `staff`(`id`),
	`borrower_name` text NOT NULL,
	`company` text,
	`phone` text,
	`id_number` text,
	`purpose` text NOT NULL,
	`lent_at` text NOT NULL,
	`due_at` text NOT NULL,
	`lent_by` text NOT NULL REFERENCES `staff`(`id`)
);
--> statement-breakpoint
CREATE INDEX `key_loans_key` ON `key_loans` (`key_id`, `lent_at`);
--> statement-breakpoint
CREATE INDEX `key_loans_lent_at` ON `key_loans` (`lent_at`);
--> statement-breakpoint
CREATE TABLE `key_returns` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`terminal_id` text NOT NULL,
	`deleted_at` text,
	`loan_id` text NOT NULL REFERENCES `key_loans`(`id`),
	`returned_by_name` text NOT NULL,
	`returned_at` text NOT NULL,
	`condition` text,
	`received_by` text NOT NULL REFERENCES `staff`(`id`)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `key_returns_loan_uq` ON `key_returns` (`loan_id`);
--> statement-breakpoint
CREATE TABLE `key_losses` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`terminal_id` text NOT NULL,
	`deleted_at` text,
	`key_id` text NOT NULL REFERENCES `keys`(`id`),
	`loan_id` text REFERENCES `key_loans`(`id`),
	`reason` text NOT NULL,
	`reported_by_name` text NOT NULL,
	`reported_at` text NOT NULL,
	`recorded_by` text NOT NULL REFERENCES `staff`(`id`)
);
--> statement-breakpoint
CREATE INDEX `key_losses_key` ON `key_losses` (`key_id`);
--> statement-breakpoint
CREATE TRIGGER `key_loans_no_update` BEFORE UPDATE ON `key_loans`
BEGIN SELECT RAISE(ABORT, 'key_loans is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `key_loans_no_delete` BEFORE DELETE ON `key_loans`
BEGIN SELECT RAISE(ABORT, 'key_loans is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `key_returns_no_update` BEFORE UPDATE ON `key_returns`
BEGIN SELECT RAISE(ABORT, 'key_returns is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `key_returns_no_delete` BEFORE DELETE ON `key_returns`
BEGIN SELECT RAISE(ABORT, 'key_returns is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `key_losses_no_update` BEFORE UPDATE ON `key_losses`
BEGIN SELECT RAISE(ABORT, 'key_losses is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `key_losses_no_delete` BEFORE DELETE ON `key_losses`
BEGIN SELECT RAISE(ABORT, 'key_losses is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `keys_no_delete` BEFORE DELETE ON `keys`
BEGIN SELECT RAISE(ABORT, 'keys are removed by soft delete'); END;
