-- Visitors and parcels (issue G, 访客 · 邮件收递). Visits, expected visitors and parcels are editable,
-- synced rows (soft delete); signing in and out, notices, named collectors and pickups are records of
-- fact (append-only, their own UUIDv7 ids), so a LAN sync merges them by union. A visit's state and a
-- parcel's state are derived from their facts. "Signed out once" and "picked up once" are unique
-- indexes here; two terminals cut off from each other could each record one — on merge (issue H) the
-- earlier fact stands and the later is kept in the change log for the supervisor, as for key returns.
CREATE TABLE `visitor_expected` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`terminal_id` text NOT NULL,
	`deleted_at` text,
	`unit_id` text NOT NULL REFERENCES `units`(`id`),
	`host_name` text,
	`visitor_name` text NOT NULL,
	`phone` text,
	`id_number` text,
	`purpose` text NOT NULL,
	`car_plate` text,
	`people` integer NOT NULL CHECK (`people` >= 1),
	`expected_date` text NOT NULL,
	`called_by` text NOT NULL,
	`note` text,
	`recorded_by` text NOT NULL REFERENCES `staff`(`id`),
	`cancel_reason` text
);
--> statement-breakpoint
CREATE INDEX `visitor_expected_date` ON `visitor_expected` (`expected_date`);
--> statement-breakpoint
CREATE TABLE `visits` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`terminal_id` text NOT NULL,
	`deleted_at` text,
	`serial` text NOT NULL,
	`unit_id` text NOT NULL REFERENCES `units`(`id`),
	`host_name` text,
	`visitor_name` text NOT NULL,
	`phone` text NOT NULL,
	`id_number` text,
	`purpose` text NOT NULL,
	`car_plate` text,
	`people` integer NOT NULL CHECK (`people` >= 1),
	`expected_id` text REFERENCES `visitor_expected`(`id`),
	`slip_day` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `visits_serial_uq` ON `visits` (`serial`);
--> statement-breakpoint
CREATE UNIQUE INDEX `visits_expected_uq` ON `visits` (`expected_id`) WHERE `expected_id` IS NOT NULL;
--> statement-breakpoint
CREATE INDEX `visits_day` ON `visits` (`slip_day`);
--> statement-breakpoint
CREATE TABLE `visit_events` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`terminal_id` text NOT NULL,
	`deleted_at` text,
	`visit_id` text NOT NULL REFERENCES `visits`(`id`),
	`kind` text NOT NULL CHECK (`kind` IN ('in', 'out')),
	`at` text NOT NULL,
	`staff_id` text NOT NULL REFERENCES `staff`(`id`),
	`note` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `visit_events_once` ON `visit_events` (`visit_id`, `kind`);
--> statement-breakpoint
CREATE TABLE `parcel_batches` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`terminal_id` text NOT NULL,
	`deleted_at` text,
	`shift_id` text NOT NULL REFERENCES `duty_shifts`(`id`),
	`opened_by` text NOT NULL REFERENCES `staff`(`id`)
);
--> statement-breakpoint
CREATE INDEX `parcel_batches_shift` ON `parcel_batches` (`shift_id`);
--> statement-breakpoint
CREATE TABLE `parcels` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`terminal_id` text NOT NULL,
	`deleted_at` text,
	`serial` text NOT NULL,
	`batch_id` text NOT NULL REFERENCES `parcel_batches`(`id`),
	`unit_id` text NOT NULL REFERENCES `units`(`id`),
	`addressee` text NOT NULL,
	`addressee_phone` text NOT NULL,
	`carrier` text NOT NULL,
	`tracking_no` text NOT NULL,
	`kind` text NOT NULL,
	`shelf` text NOT NULL,
	`note` text,
	`received_at` text NOT NULL,
	`received_by` text NOT NULL REFERENCES `staff`(`id`)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `parcels_serial_uq` ON `parcels` (`serial`);
--> statement-breakpoint
CREATE INDEX `parcels_tracking` ON `parcels` (`tracking_no`);
--> statement-breakpoint
CREATE INDEX `parcels_received` ON `parcels` (`received_at`);
--> statement-breakpoint
CREATE INDEX `parcels_batch` ON `parcels` (`batch_id`);
--> statement-breakpoint
CREATE TABLE `parcel_notices` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`terminal_id` text NOT NULL,
	`deleted_at` text,
	`parcel_id` text NOT NULL REFERENCES `parcels`(`id`),
	`channel` text NOT NULL CHECK (`channel` IN ('phone', 'sms', 'wechat')),
	`note` text,
	`staff_id` text NOT NULL REFERENCES `staff`(`id`),
	`at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `parcel_notices_parcel` ON `parcel_notices` (`parcel_id`);
--> statement-breakpoint
CREATE TABLE `parcel_delegates` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`terminal_id` text NOT NULL,
	`deleted_at` text,
	`parcel_id` text NOT NULL REFERENCES `parcels`(`id`),
	`name` text NOT NULL,
	`phone` text NOT NULL,
	`named_how` text NOT NULL,
	`staff_id` text NOT NULL REFERENCES `staff`(`id`),
	`at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `parcel_delegates_parcel` ON `parcel_delegates` (`parcel_id`);
--> statement-breakpoint
CREATE TABLE `parcel_pickups` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`terminal_id` text NOT NULL,
	`deleted_at` text,
	`parcel_id` text NOT NULL REFERENCES `parcels`(`id`),
	`picker_name` text NOT NULL,
	`picker_role` text NOT NULL CHECK (`picker_role` IN ('addressee', 'delegate')),
	`delegate_id` text REFERENCES `parcel_delegates`(`id`),
	`signature` text,
	`staff_id` text NOT NULL REFERENCES `staff`(`id`),
	`at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `parcel_pickups_once` ON `parcel_pickups` (`parcel_id`);
--> statement-breakpoint
CREATE TRIGGER `visit_events_no_update` BEFORE UPDATE ON `visit_events`
BEGIN SELECT RAISE(ABORT, 'visit_events is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `visit_events_no_delete` BEFORE DELETE ON `visit_events`
BEGIN SELECT RAISE(ABORT, 'visit_events is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `parcel_batches_no_update` BEFORE UPDATE ON `parcel_batches`
BEGIN SELECT RAISE(ABORT, 'parcel_batches is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `parcel_batches_no_delete` BEFORE DELETE ON `parcel_batches`
BEGIN SELECT RAISE(ABORT, 'parcel_batches is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `parcel_notices_no_update` BEFORE UPDATE ON `parcel_notices`
BEGIN SELECT RAISE(ABORT, 'parcel_notices is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `parcel_notices_no_delete` BEFORE DELETE ON `parcel_notices`
BEGIN SELECT RAISE(ABORT, 'parcel_notices is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `parcel_delegates_no_update` BEFORE UPDATE ON `parcel_delegates`
BEGIN SELECT RAISE(ABORT, 'parcel_delegates is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `parcel_delegates_no_delete` BEFORE DELETE ON `parcel_delegates`
BEGIN SELECT RAISE(ABORT, 'parcel_delegates is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `parcel_pickups_no_update` BEFORE UPDATE ON `parcel_pickups`
BEGIN SELECT RAISE(ABORT, 'parcel_pickups is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `parcel_pickups_no_delete` BEFORE DELETE ON `parcel_pickups`
BEGIN SELECT RAISE(ABORT, 'parcel_pickups is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `visits_no_delete` BEFORE DELETE ON `visits`
BEGIN SELECT RAISE(ABORT, 'visits are removed by soft delete'); END;
--> statement-breakpoint
CREATE TRIGGER `parcels_no_delete` BEFORE DELETE ON `parcels`
BEGIN SELECT RAISE(ABORT, 'parcels are removed by soft delete'); END;
