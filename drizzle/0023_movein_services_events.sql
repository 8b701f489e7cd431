-- Reception records of issue G: 入住手续, 家居服务, 特殊事件报告. Sync-ready (issue H): UUIDv7 ids,
-- created_at/updated_at UTC ISO, terminal_id. Editable rows (move_ins, home_services) change per
-- column and delete softly; what happened to them is recorded as facts, append-only with their own
-- ids (triggers refuse UPDATE and DELETE), so a merge of two terminals is a union of facts.
CREATE TABLE `move_ins` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`terminal_id` text NOT NULL,
	`deleted_at` text,
	`serial` text NOT NULL,
	`unit_id` text NOT NULL REFERENCES `units`(`id`),
	`owner_resident_id` text NOT NULL REFERENCES `residents`(`id`),
	`door_keys` integer NOT NULL CHECK (`door_keys` BETWEEN 0 AND 99),
	`electricity_cards` integer NOT NULL CHECK (`electricity_cards` BETWEEN 0 AND 99),
	`water_cards` integer NOT NULL CHECK (`water_cards` BETWEEN 0 AND 99),
	`mailbox_keys` integer NOT NULL CHECK (`mailbox_keys` BETWEEN 0 AND 99),
	`documents` text NOT NULL,
	`note` text,
	`staff_id` text NOT NULL REFERENCES `staff`(`id`)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `move_ins_serial_uq` ON `move_ins` (`serial`);
--> statement-breakpoint
CREATE INDEX `move_ins_unit` ON `move_ins` (`unit_id`);
--> statement-breakpoint
CREATE TABLE `move_in_cards` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`terminal_id` text NOT NULL,
	`deleted_at` text,
	`move_in_id` text NOT NULL REFERENCES `move_ins`(`id`),
	`card_id` text NOT NULL REFERENCES `cards`(`id`),
	`staff_id` text NOT NULL REFERENCES `staff`(`id`)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `move_in_cards_card_uq` ON `move_in_cards` (`card_id`);
--> statement-breakpoint
CREATE INDEX `move_in_cards_move_in` ON `move_in_cards` (`move_in_id`);
--> statement-breakpoint
CREATE TABLE `move_in_signatures` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`terminal_id` text NOT NULL,
	`deleted_at` text,
	`move_in_id` text NOT NULL REFERENCES `move_ins`(`id`),
	`owner_resident_id` text NOT NULL REFERENCES `residents`(`id`),
	`owner_name` text NOT NULL,
	`drawn` text,
	`signed_at` text NOT NULL,
	`staff_id` text NOT NULL REFERENCES `staff`(`id`)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `move_in_signatures_once` ON `move_in_signatures` (`move_in_id`);
--> statement-breakpoint
CREATE TABLE `home_services` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`terminal_id` text NOT NULL,
	`deleted_at` text,
	`serial` text NOT NULL,
	`unit_id` text NOT NULL REFERENCES `units`(`id`),
	`contact` text NOT NULL,
	`phone` text,
	`service_code` text NOT NULL,
	`service_name` text NOT NULL,
	`per` text NOT NULL,
	`quantity` integer NOT NULL CHECK (`quantity` > 0),
	`price_fen` integer NOT NULL CHECK (`price_fen` >= 0),
	`wanted_at` text NOT NULL,
	`booked_at` text NOT NULL,
	`call_back_due_at` text NOT NULL,
	`note` text,
	`staff_id` text NOT NULL REFERENCES `staff`(`id`)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `home_services_serial_uq` ON `home_services` (`serial`);
--> statement-breakpoint
CREATE INDEX `home_services_booked` ON `home_services` (`booked_at`);
--> statement-breakpoint
CREATE TABLE `home_service_steps` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`terminal_id` text NOT NULL,
	`deleted_at` text,
	`home_service_id` text NOT NULL REFERENCES `home_services`(`id`),
	`step` text NOT NULL CHECK (`step` IN ('callBack', 'done', 'followUp', 'cancel')),
	`at` text NOT NULL,
	`confirmed_at` text,
	`worker` text,
	`satisfied` integer,
	`note` text,
	`due_at` text,
	`over_ms` integer,
	`staff_id` text NOT NULL REFERENCES `staff`(`id`)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `home_service_steps_once` ON `home_service_steps` (`home_service_id`, `step`);
--> statement-breakpoint
CREATE TABLE `special_events` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`terminal_id` text NOT NULL,
	`deleted_at` text,
	`serial` text NOT NULL,
	`title` text NOT NULL,
	`place` text NOT NULL,
	`unit_id` text REFERENCES `units`(`id`),
	`occurred_at` text NOT NULL,
	`what_happened` text NOT NULL,
	`told_whom` text NOT NULL,
	`actions` text NOT NULL,
	`staff_id` text NOT NULL REFERENCES `staff`(`id`)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `special_events_serial_uq` ON `special_events` (`serial`);
--> statement-breakpoint
CREATE TABLE `special_event_reads` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`terminal_id` text NOT NULL,
	`deleted_at` text,
	`event_id` text NOT NULL REFERENCES `special_events`(`id`),
	`role` text NOT NULL CHECK (`role` IN ('supervisor', 'director')),
	`remark` text,
	`staff_id` text NOT NULL REFERENCES `staff`(`id`)
);
--> statement-breakpoint
CREATE INDEX `special_event_reads_event` ON `special_event_reads` (`event_id`);
--> statement-breakpoint
CREATE TRIGGER `move_in_cards_no_update` BEFORE UPDATE ON `move_in_cards`
BEGIN SELECT RAISE(ABORT, 'move_in_cards is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `move_in_cards_no_delete` BEFORE DELETE ON `move_in_cards`
BEGIN SELECT RAISE(ABORT, 'move_in_cards is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `move_in_signatures_no_update` BEFORE UPDATE ON `move_in_signatures`
BEGIN SELECT RAISE(ABORT, 'move_in_signatures is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `move_in_signatures_no_delete` BEFORE DELETE ON `move_in_signatures`
BEGIN SELECT RAISE(ABORT, 'move_in_signatures is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `home_service_steps_no_update` BEFORE UPDATE ON `home_service_steps`
BEGIN SELECT RAISE(ABORT, 'home_service_steps is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `home_service_steps_no_delete` BEFORE DELETE ON `home_service_steps`
BEGIN SELECT RAISE(ABORT, 'home_service_steps is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `special_events_no_update` BEFORE UPDATE ON `special_events`
BEGIN SELECT RAISE(ABORT, 'special_events is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `special_events_no_delete` BEFORE DELETE ON `special_events`
BEGIN SELECT RAISE(ABORT, 'special_events is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `special_event_reads_no_update` BEFORE UPDATE ON `special_event_reads`
BEGIN SELECT RAISE(ABORT, 'special_event_reads is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `special_event_reads_no_delete` BEFORE DELETE ON `special_event_reads`
BEGIN SELECT RAISE(ABORT, 'special_event_reads is append-only'); END;
--> statement-breakpoint
-- A move-in's checklist is frozen once the owner signed: no column changes behind the app either.
CREATE TRIGGER `move_ins_frozen_when_signed` BEFORE UPDATE ON `move_ins`
WHEN EXISTS (SELECT 1 FROM `move_in_signatures` s WHERE s.`move_in_id` = OLD.`id`)
BEGIN SELECT RAISE(ABORT, 'move_ins is signed and frozen'); END;
