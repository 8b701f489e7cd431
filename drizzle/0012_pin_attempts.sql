-- PIN attempts as records of fact (one row per evaluated wrong PIN, per success after failures, per
-- reset), so the lock-out and the delays are read and written in the same serialised write. Per staff
-- number (typed, also unknown ones) and per terminal. Append-only: a LAN sync merges by union.
CREATE TABLE `pin_attempts` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`terminal_id` text NOT NULL,
	`deleted_at` text,
	`staff_no` text NOT NULL,
	`staff_id` text,
	`purpose` text NOT NULL,
	`outcome` text NOT NULL CHECK (`outcome` IN ('fail', 'ok', 'reset')),
	`locked_until` text
);
--> statement-breakpoint
CREATE INDEX `pin_attempts_staff_no` ON `pin_attempts` (`staff_no`);
--> statement-breakpoint
CREATE INDEX `pin_attempts_terminal` ON `pin_attempts` (`terminal_id`,`created_at`);
--> statement-breakpoint
CREATE TRIGGER `pin_attempts_no_update` BEFORE UPDATE ON `pin_attempts`
BEGIN SELECT RAISE(ABORT, 'pin_attempts is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `pin_attempts_no_delete` BEFORE DELETE ON `pin_attempts`
BEGIN SELECT RAISE(ABORT, 'pin_attempts is append-only'); END;
