CREATE TABLE `agents` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`terminal_id` text NOT NULL,
	`deleted_at` text,
	`unit_id` text NOT NULL,
	`owner_id` text NOT NULL,
	`name` text NOT NULL,
	`phone` text NOT NULL,
	`id_number` text NOT NULL,
	`scopes` text NOT NULL,
	`valid_until` text,
	`note` text,
	`revoked_at` text,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`owner_id`) REFERENCES `residents`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `agents_unit` ON `agents` (`unit_id`);--> statement-breakpoint
CREATE TABLE `audit_events` (
	`seq` integer PRIMARY KEY NOT NULL,
	`id` text NOT NULL,
	`at` text NOT NULL,
	`staff_id` text,
	`terminal_id` text NOT NULL,
	`action` text NOT NULL,
	`entity` text NOT NULL,
	`entity_id` text,
	`summary` text NOT NULL,
	`changes` text NOT NULL,
	`prev_hash` text NOT NULL,
	`hash` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `audit_entity` ON `audit_events` (`entity`,`entity_id`);--> statement-breakpoint
CREATE TABLE `buildings` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`terminal_id` text NOT NULL,
	`deleted_at` text,
	`code` text NOT NULL,
	`name` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `buildings_code_uq` ON `buildings` (`code`) WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE TABLE `residents` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`terminal_id` text NOT NULL,
	`deleted_at` text,
	`unit_id` text NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`phone` text NOT NULL,
	`id_number` text,
	`move_in_date` text,
	`note` text,
	`initials` text NOT NULL,
	`phone_tail` text NOT NULL,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `residents_unit` ON `residents` (`unit_id`);--> statement-breakpoint
CREATE INDEX `residents_name` ON `residents` (`name`);--> statement-breakpoint
CREATE INDEX `residents_initials` ON `residents` (`initials`);--> statement-breakpoint
CREATE INDEX `residents_phone_tail` ON `residents` (`phone_tail`);--> statement-breakpoint
CREATE TABLE `site` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`terminal_id` text NOT NULL,
	`deleted_at` text,
	`name` text NOT NULL,
	`office` text NOT NULL,
	`time_zone` text NOT NULL,
	`settings` text NOT NULL,
	`secret` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `staff` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`terminal_id` text NOT NULL,
	`deleted_at` text,
	`staff_no` text NOT NULL,
	`name` text NOT NULL,
	`roles` text NOT NULL,
	`phone` text,
	`pin_hash` text NOT NULL,
	`active` integer NOT NULL,
	`failed_attempts` integer DEFAULT 0 NOT NULL,
	`locked_until` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `staff_no_uq` ON `staff` (`staff_no`);--> statement-breakpoint
CREATE TABLE `units` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`terminal_id` text NOT NULL,
	`deleted_at` text,
	`building_id` text NOT NULL,
	`entrance` text NOT NULL,
	`room` text NOT NULL,
	`area_m2` real,
	`room_key` text NOT NULL,
	FOREIGN KEY (`building_id`) REFERENCES `buildings`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `units_room_uq` ON `units` (`building_id`,`entrance`,`room`) WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX `units_room_key` ON `units` (`room_key`);--> statement-breakpoint
CREATE INDEX `units_room` ON `units` (`room`);