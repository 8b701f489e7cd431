-- 投诉 (issue G): the complaint as received, the work contact slips sent to departments, and every later
-- step (follow-up, result, call-back, validity decision, closure) are records of fact, append-only with
-- their own UUIDv7 ids: a complaint's state is derived from its steps, so a LAN sync merges by union.
CREATE TABLE `complaints` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`terminal_id` text NOT NULL,
	`deleted_at` text,
	`serial` text NOT NULL,
	`received_at` text NOT NULL,
	`channel` text NOT NULL CHECK (`channel` IN ('letter', 'phone', 'fax', 'visit', 'online')),
	`complainant` text NOT NULL,
	`phone` text,
	`unit_id` text REFERENCES `units`(`id`),
	`category` text NOT NULL,
	`department` text NOT NULL,
	`summary` text NOT NULL,
	`severity` text NOT NULL CHECK (`severity` IN ('normal', 'major')),
	`recorded_by` text NOT NULL REFERENCES `staff`(`id`)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `complaints_serial_uq` ON `complaints` (`serial`);
--> statement-breakpoint
CREATE INDEX `complaints_received` ON `complaints` (`received_at`);
--> statement-breakpoint
CREATE INDEX `complaints_unit` ON `complaints` (`unit_id`, `received_at`);
--> statement-breakpoint
CREATE TABLE `complaint_slips` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`terminal_id` text NOT NULL,
	`deleted_at` text,
	`complaint_id` text NOT NULL REFERENCES `complaints`(`id`),
	`serial` text NOT NULL,
	`department` text NOT NULL,
	`request` text NOT NULL,
	`deadline_at` text NOT NULL,
	`issued_at` text NOT NULL,
	`issued_by` text NOT NULL REFERENCES `staff`(`id`)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `complaint_slips_serial_uq` ON `complaint_slips` (`serial`);
--> statement-breakpoint
CREATE INDEX `complaint_slips_complaint` ON `complaint_slips` (`complaint_id`, `issued_at`);
--> statement-breakpoint
CREATE TABLE `complaint_steps` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`terminal_id` text NOT NULL,
	`deleted_at` text,
	`complaint_id` text NOT NULL REFERENCES `complaints`(`id`),
	`kind` text NOT NULL CHECK (`kind` IN ('followUp', 'result', 'callBack', 'validity', 'close')),
	`at` text NOT NULL,
	`staff_id` text NOT NULL REFERENCES `staff`(`id`),
	`note` text,
	`outcome` text CHECK (`outcome` IS NULL OR `outcome` IN ('satisfied', 'unsatisfied', 'impossible')),
	`valid` integer CHECK (`valid` IS NULL OR `valid` IN (0, 1))
);
--> statement-breakpoint
CREATE INDEX `complaint_steps_complaint` ON `complaint_steps` (`complaint_id`, `kind`, `at`);
--> statement-breakpoint
CREATE UNIQUE INDEX `complaint_steps_one_close` ON `complaint_steps` (`complaint_id`) WHERE `kind` = 'close';
--> statement-breakpoint
CREATE TRIGGER `complaints_no_update` BEFORE UPDATE ON `complaints`
BEGIN SELECT RAISE(ABORT, 'complaints is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `complaints_no_delete` BEFORE DELETE ON `complaints`
BEGIN SELECT RAISE(ABORT, 'complaints is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `complaint_slips_no_update` BEFORE UPDATE ON `complaint_slips`
BEGIN SELECT RAISE(ABORT, 'complaint_slips is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `complaint_slips_no_delete` BEFORE DELETE ON `complaint_slips`
BEGIN SELECT RAISE(ABORT, 'complaint_slips is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `complaint_steps_no_update` BEFORE UPDATE ON `complaint_steps`
BEGIN SELECT RAISE(ABORT, 'complaint_steps is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `complaint_steps_no_delete` BEFORE DELETE ON `complaint_steps`
BEGIN SELECT RAISE(ABORT, 'complaint_steps is append-only'); END;
