-- Issue F at handover: the incoming clerk acknowledges, one by one, every key loan overdue at the
-- time of a custody handover (or, for a closing, at the morning's acceptance), as open items are
-- acknowledged in handover_acks. Records of fact: their own UUIDv7 ids, never changed or removed,
-- none added once the handover is signed. With LAN sync they merge by union; the unique index holds
-- because a handover's steps are decided on the one terminal that owns the handover chain
-- (shared/duty/handoverRules.ts).
CREATE TABLE `handover_key_acks` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`terminal_id` text NOT NULL,
	`deleted_at` text,
	`handover_id` text NOT NULL REFERENCES `handovers`(`id`),
	`loan_id` text NOT NULL REFERENCES `key_loans`(`id`),
	`staff_id` text NOT NULL REFERENCES `staff`(`id`),
	`at` text NOT NULL,
	`note` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `handover_key_acks_uq` ON `handover_key_acks` (`handover_id`, `loan_id`, `staff_id`);
--> statement-breakpoint
CREATE INDEX `handover_key_acks_loan` ON `handover_key_acks` (`loan_id`);
--> statement-breakpoint
CREATE TRIGGER `handover_key_acks_no_update` BEFORE UPDATE ON `handover_key_acks`
BEGIN SELECT RAISE(ABORT, 'handover_key_acks is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `handover_key_acks_no_delete` BEFORE DELETE ON `handover_key_acks`
BEGIN SELECT RAISE(ABORT, 'handover_key_acks is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `handover_key_acks_signed_no_insert` BEFORE INSERT ON `handover_key_acks`
WHEN (SELECT status FROM handovers WHERE id = NEW.handover_id) = 'signed'
BEGIN SELECT RAISE(ABORT, 'handover is signed and immutable'); END;
