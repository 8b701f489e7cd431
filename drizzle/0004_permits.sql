CREATE TABLE `deposit_ledger` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`terminal_id` text NOT NULL,
	`deleted_at` text,
	`pass_id` text NOT NULL,
	`renovation_id` text NOT NULL,
	`kind` text NOT NULL,
	`item` text NOT NULL,
	`amount_fen` integer NOT NULL,
	`receipt_no` text,
	`staff_id` text NOT NULL,
	`at` text NOT NULL,
	`note` text,
	FOREIGN KEY (`pass_id`) REFERENCES `permits`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`renovation_id`) REFERENCES `permits`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `deposit_ledger_renovation` ON `deposit_ledger` (`renovation_id`);--> statement-breakpoint
CREATE INDEX `deposit_ledger_pass` ON `deposit_ledger` (`pass_id`);--> statement-breakpoint
CREATE TABLE `permit_files` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`terminal_id` text NOT NULL,
	`deleted_at` text,
	`permit_id` text NOT NULL,
	`kind` text NOT NULL,
	`label` text NOT NULL,
	`file_name` text NOT NULL,
	`mime` text NOT NULL,
	`size_bytes` integer NOT NULL,
	`data_url` text NOT NULL,
	FOREIGN KEY (`permit_id`) REFERENCES `permits`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `permit_files_permit` ON `permit_files` (`permit_id`);--> statement-breakpoint
CREATE TABLE `permit_prints` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`terminal_id` text NOT NULL,
	`deleted_at` text,
	`permit_id` text NOT NULL,
	`at` text NOT NULL,
	`staff_id` text NOT NULL,
	`reprint` integer NOT NULL,
	FOREIGN KEY (`permit_id`) REFERENCES `permits`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `permit_prints_uq` ON `permit_prints` (`permit_id`,`reprint`);--> statement-breakpoint
CREATE TABLE `permit_reviews` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`terminal_id` text NOT NULL,
	`deleted_at` text,
	`permit_id` text NOT NULL,
	`step` integer NOT NULL,
	`role` text NOT NULL,
	`staff_id` text NOT NULL,
	`staff_name` text NOT NULL,
	`at` text NOT NULL,
	`decision` text NOT NULL,
	`opinion` text NOT NULL,
	FOREIGN KEY (`permit_id`) REFERENCES `permits`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `permit_reviews_step_uq` ON `permit_reviews` (`permit_id`,`step`);--> statement-breakpoint
CREATE TABLE `permit_serials` (
	`kind` text NOT NULL,
	`year` integer NOT NULL,
	`last` integer NOT NULL,
	`updated_at` text NOT NULL,
	PRIMARY KEY(`kind`, `year`)
);
--> statement-breakpoint
CREATE TABLE `permits` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`terminal_id` text NOT NULL,
	`deleted_at` text,
	`kind` text NOT NULL,
	`serial` text NOT NULL,
	`year` integer NOT NULL,
	`state` text NOT NULL,
	`unit_id` text NOT NULL,
	`unit_label` text NOT NULL,
	`renovation_id` text,
	`parent_serial` text,
	`replaces_id` text,
	`replaces_serial` text,
	`applicant` text NOT NULL,
	`applicant_name` text NOT NULL,
	`holder_name` text NOT NULL,
	`owner_consent` text,
	`fields` text NOT NULL,
	`valid_from` text NOT NULL,
	`valid_until` text NOT NULL,
	`extended_from` text,
	`submitted_at` text NOT NULL,
	`submitted_by` text NOT NULL,
	`issued_at` text,
	`used_at` text,
	`used_by` text,
	`returned_at` text,
	`return_note` text,
	`voided_at` text,
	`void_reason` text,
	`print_count` integer DEFAULT 0 NOT NULL,
	`check_code` text NOT NULL,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`renovation_id`) REFERENCES `permits`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`replaces_id`) REFERENCES `permits`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`submitted_by`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`used_by`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `permits_serial_uq` ON `permits` (`serial`);--> statement-breakpoint
CREATE INDEX `permits_kind_state` ON `permits` (`kind`,`state`);--> statement-breakpoint
CREATE INDEX `permits_state` ON `permits` (`state`);--> statement-breakpoint
CREATE INDEX `permits_unit` ON `permits` (`unit_id`,`kind`);--> statement-breakpoint
CREATE INDEX `permits_renovation` ON `permits` (`renovation_id`);--> statement-breakpoint
CREATE INDEX `permits_replaces` ON `permits` (`replaces_id`);