-- 报修 · 维修单 (issue G). The order is an editable synced row (contact, category, text, appointment:
-- each column its own change, resolved per column on merge, issue H); its due instants are fixed
-- when it is saved, so a later change of the site's clocks never moves a running clock. The steps
-- (forwarded, owner and 管家 told, arrival, completion, call-back), the breaches of its clocks and its
-- photos are records of fact: append-only (triggers), with their own UUIDv7 ids. No unique index per
-- step: two terminals recording the same step offline both keep their fact after a merge, and the
-- order reads the earliest of each (electron/core/repair/read.ts).
CREATE TABLE `repair_orders` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`terminal_id` text NOT NULL,
	`deleted_at` text,
	`serial` text NOT NULL,
	`unit_id` text NOT NULL REFERENCES `units`(`id`),
	`resident_id` text REFERENCES `residents`(`id`),
	`contact_name` text NOT NULL,
	`contact_phone` text NOT NULL,
	`category` text NOT NULL,
	`content` text NOT NULL,
	`urgent` integer NOT NULL CHECK (`urgent` IN (0, 1)),
	`appointment_at` text,
	`received_at` text NOT NULL,
	`forward_due_at` text NOT NULL,
	`on_site_due_at` text,
	`done_due_at` text,
	`staff_id` text NOT NULL REFERENCES `staff`(`id`)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `repair_orders_serial_uq` ON `repair_orders` (`serial`);
--> statement-breakpoint
CREATE INDEX `repair_orders_received` ON `repair_orders` (`received_at`);
--> statement-breakpoint
CREATE INDEX `repair_orders_unit` ON `repair_orders` (`unit_id`);
--> statement-breakpoint
CREATE TABLE `repair_steps` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`terminal_id` text NOT NULL,
	`deleted_at` text,
	`order_id` text NOT NULL REFERENCES `repair_orders`(`id`),
	`step` text NOT NULL CHECK (`step` IN ('forward', 'told', 'arrive', 'complete', 'callback')),
	`at` text NOT NULL,
	`staff_id` text NOT NULL REFERENCES `staff`(`id`),
	`who` text,
	`note` text,
	`materials` text,
	`charges` text,
	`result` text,
	`reached` integer,
	`satisfied` integer,
	`closes` integer NOT NULL DEFAULT 0,
	`callback_due_at` text
);
--> statement-breakpoint
CREATE INDEX `repair_steps_order` ON `repair_steps` (`order_id`, `at`);
--> statement-breakpoint
CREATE INDEX `repair_steps_open` ON `repair_steps` (`order_id`) WHERE `closes` = 1;
--> statement-breakpoint
CREATE TABLE `repair_breaches` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`terminal_id` text NOT NULL,
	`deleted_at` text,
	`order_id` text NOT NULL REFERENCES `repair_orders`(`id`),
	`clock` text NOT NULL CHECK (`clock` IN ('forward', 'onSite', 'done', 'callback')),
	`due_at` text NOT NULL,
	`stopped_at` text NOT NULL,
	`over_ms` integer NOT NULL CHECK (`over_ms` > 0),
	`step_id` text NOT NULL REFERENCES `repair_steps`(`id`)
);
--> statement-breakpoint
CREATE INDEX `repair_breaches_order` ON `repair_breaches` (`order_id`);
--> statement-breakpoint
CREATE TABLE `repair_files` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`terminal_id` text NOT NULL,
	`deleted_at` text,
	`order_id` text NOT NULL REFERENCES `repair_orders`(`id`),
	`label` text NOT NULL,
	`file_name` text NOT NULL,
	`mime` text NOT NULL,
	`size_bytes` integer NOT NULL,
	`data_url` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `repair_files_order` ON `repair_files` (`order_id`);
--> statement-breakpoint
CREATE TRIGGER `repair_steps_no_update` BEFORE UPDATE ON `repair_steps`
BEGIN SELECT RAISE(ABORT, 'repair_steps is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `repair_steps_no_delete` BEFORE DELETE ON `repair_steps`
BEGIN SELECT RAISE(ABORT, 'repair_steps is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `repair_breaches_no_update` BEFORE UPDATE ON `repair_breaches`
BEGIN SELECT RAISE(ABORT, 'repair_breaches is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `repair_breaches_no_delete` BEFORE DELETE ON `repair_breaches`
BEGIN SELECT RAISE(ABORT, 'repair_breaches is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `repair_files_no_update` BEFORE UPDATE ON `repair_files`
BEGIN SELECT RAISE(ABORT, 'repair_files is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `repair_files_no_delete` BEFORE DELETE ON `repair_files`
BEGIN SELECT RAISE(ABORT, 'repair_files is append-only'); END;
