CREATE TABLE `day_reviews` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`terminal_id` text NOT NULL,
	`deleted_at` text,
	`date` text NOT NULL,
	`reviewed_by` text NOT NULL,
	`reviewed_at` text NOT NULL,
	`remark` text,
	`entry_count` integer NOT NULL,
	FOREIGN KEY (`reviewed_by`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `day_reviews_date_uq` ON `day_reviews` (`date`);--> statement-breakpoint
CREATE TABLE `duty_shifts` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`terminal_id` text NOT NULL,
	`deleted_at` text,
	`date` text NOT NULL,
	`shift_code` text NOT NULL,
	`shift_name` text NOT NULL,
	`starts_at` text NOT NULL,
	`ends_at` text NOT NULL,
	`staff_id` text NOT NULL,
	`status` text NOT NULL,
	`opened_at` text NOT NULL,
	`rostered` integer NOT NULL,
	`override_by` text,
	`override_reason` text,
	`opened_by_handover_id` text,
	`closed_at` text,
	`closed_by_handover_id` text,
	FOREIGN KEY (`staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`override_by`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `duty_shifts_one_open` ON `duty_shifts` (`status`) WHERE status = 'open' AND deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX `duty_shifts_date` ON `duty_shifts` (`date`);--> statement-breakpoint
CREATE TABLE `handover_acks` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`terminal_id` text NOT NULL,
	`deleted_at` text,
	`handover_id` text NOT NULL,
	`entry_id` text NOT NULL,
	`staff_id` text NOT NULL,
	`at` text NOT NULL,
	`note` text,
	FOREIGN KEY (`handover_id`) REFERENCES `handovers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`entry_id`) REFERENCES `log_entries`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `handover_acks_uq` ON `handover_acks` (`handover_id`,`entry_id`,`staff_id`);--> statement-breakpoint
CREATE TABLE `handover_checks` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`terminal_id` text NOT NULL,
	`deleted_at` text,
	`handover_id` text NOT NULL,
	`item_code` text NOT NULL,
	`ok` integer NOT NULL,
	`note` text,
	`checked_by` text NOT NULL,
	`at` text NOT NULL,
	FOREIGN KEY (`handover_id`) REFERENCES `handovers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`checked_by`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `handover_checks_uq` ON `handover_checks` (`handover_id`,`item_code`);--> statement-breakpoint
CREATE TABLE `handover_counts` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`terminal_id` text NOT NULL,
	`deleted_at` text,
	`handover_id` text NOT NULL,
	`item_code` text NOT NULL,
	`outgoing_count` integer,
	`outgoing_at` text,
	`incoming_count` integer,
	`incoming_by` text,
	`incoming_at` text,
	`explanation` text,
	`explained_by` text,
	FOREIGN KEY (`handover_id`) REFERENCES `handovers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`incoming_by`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`explained_by`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `handover_counts_uq` ON `handover_counts` (`handover_id`,`item_code`);--> statement-breakpoint
CREATE TABLE `handover_questions` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`terminal_id` text NOT NULL,
	`deleted_at` text,
	`handover_id` text NOT NULL,
	`entry_id` text NOT NULL,
	`asked_by` text NOT NULL,
	`at` text NOT NULL,
	`question` text NOT NULL,
	`answer` text,
	FOREIGN KEY (`handover_id`) REFERENCES `handovers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`entry_id`) REFERENCES `log_entries`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`asked_by`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `handover_questions_handover` ON `handover_questions` (`handover_id`);--> statement-breakpoint
CREATE TABLE `handovers` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`terminal_id` text NOT NULL,
	`deleted_at` text,
	`outgoing_shift_id` text NOT NULL,
	`outgoing_staff_id` text NOT NULL,
	`status` text NOT NULL,
	`started_at` text NOT NULL,
	`incoming_staff_id` text,
	`incoming_at` text,
	`incoming_date` text,
	`incoming_shift_code` text,
	`incoming_shift_name` text,
	`incoming_starts_at` text,
	`incoming_ends_at` text,
	`rostered` integer,
	`override_by` text,
	`override_reason` text,
	`checklist` text NOT NULL,
	`custody` text NOT NULL,
	`signed_at` text,
	`new_shift_id` text,
	`summary` text,
	`seq` integer,
	`prev_hash` text,
	`digests` text,
	`hash` text,
	FOREIGN KEY (`outgoing_shift_id`) REFERENCES `duty_shifts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`outgoing_staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`incoming_staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`override_by`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `handovers_outgoing_uq` ON `handovers` (`outgoing_shift_id`) WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX `handovers_seq_uq` ON `handovers` (`seq`);--> statement-breakpoint
CREATE INDEX `handovers_signed_at` ON `handovers` (`signed_at`);--> statement-breakpoint
CREATE TABLE `leave_requests` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`terminal_id` text NOT NULL,
	`deleted_at` text,
	`staff_id` text NOT NULL,
	`kind` text NOT NULL,
	`date` text NOT NULL,
	`shift_code` text NOT NULL,
	`slot_id` text NOT NULL,
	`reason` text NOT NULL,
	`status` text NOT NULL,
	`decided_by` text,
	`decided_at` text,
	`decision_note` text,
	`substitute_id` text,
	`swap_slot_id` text,
	`swap_date` text,
	`swap_shift_code` text,
	FOREIGN KEY (`staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`slot_id`) REFERENCES `roster_slots`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`substitute_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`swap_slot_id`) REFERENCES `roster_slots`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `leave_requests_date` ON `leave_requests` (`date`);--> statement-breakpoint
CREATE INDEX `leave_requests_staff` ON `leave_requests` (`staff_id`,`status`);--> statement-breakpoint
CREATE TABLE `log_entries` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`terminal_id` text NOT NULL,
	`deleted_at` text,
	`shift_id` text NOT NULL,
	`at` text NOT NULL,
	`kind` text NOT NULL,
	`unit_id` text,
	`person` text,
	`content` text NOT NULL,
	`action` text,
	`passed_to` text,
	`status` text NOT NULL,
	`escalate_to` text,
	`recorded_by` text NOT NULL,
	`corrects_id` text,
	`correction_reason` text,
	`handover_id` text,
	`locked_at` text,
	FOREIGN KEY (`shift_id`) REFERENCES `duty_shifts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recorded_by`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`corrects_id`) REFERENCES `log_entries`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `log_entries_shift` ON `log_entries` (`shift_id`,`at`);--> statement-breakpoint
CREATE INDEX `log_entries_at` ON `log_entries` (`at`);--> statement-breakpoint
CREATE INDEX `log_entries_status` ON `log_entries` (`status`);--> statement-breakpoint
CREATE INDEX `log_entries_unit` ON `log_entries` (`unit_id`);--> statement-breakpoint
CREATE INDEX `log_entries_recorded_by` ON `log_entries` (`recorded_by`);--> statement-breakpoint
CREATE INDEX `log_entries_corrects` ON `log_entries` (`corrects_id`);--> statement-breakpoint
CREATE TABLE `log_follow_ups` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`terminal_id` text NOT NULL,
	`deleted_at` text,
	`entry_id` text NOT NULL,
	`at` text NOT NULL,
	`staff_id` text NOT NULL,
	`kind` text NOT NULL,
	`to_role` text,
	`note` text NOT NULL,
	`shift_id` text,
	FOREIGN KEY (`entry_id`) REFERENCES `log_entries`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`shift_id`) REFERENCES `duty_shifts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `log_follow_ups_entry` ON `log_follow_ups` (`entry_id`,`kind`);--> statement-breakpoint
CREATE TABLE `quality_checks` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`terminal_id` text NOT NULL,
	`deleted_at` text,
	`at` text NOT NULL,
	`checked_by` text NOT NULL,
	`clerk_id` text NOT NULL,
	`shift_id` text,
	`items` text NOT NULL,
	`failed_count` integer NOT NULL,
	`findings` text,
	`improvement` text,
	FOREIGN KEY (`checked_by`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`clerk_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`shift_id`) REFERENCES `duty_shifts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `quality_checks_at` ON `quality_checks` (`at`);--> statement-breakpoint
CREATE INDEX `quality_checks_clerk` ON `quality_checks` (`clerk_id`);--> statement-breakpoint
CREATE TABLE `roster_slots` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`terminal_id` text NOT NULL,
	`deleted_at` text,
	`roster_id` text NOT NULL,
	`date` text NOT NULL,
	`staff_id` text NOT NULL,
	`shift_code` text NOT NULL,
	`planned_staff_id` text,
	`leave_id` text,
	`removed_by_leave_id` text,
	FOREIGN KEY (`roster_id`) REFERENCES `rosters`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`planned_staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `roster_slots_cell_uq` ON `roster_slots` (`roster_id`,`date`,`staff_id`) WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX `roster_slots_date` ON `roster_slots` (`date`,`staff_id`);--> statement-breakpoint
CREATE TABLE `rosters` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`terminal_id` text NOT NULL,
	`deleted_at` text,
	`month` text NOT NULL,
	`status` text NOT NULL,
	`published_at` text,
	`published_by` text,
	FOREIGN KEY (`published_by`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `rosters_month_uq` ON `rosters` (`month`) WHERE deleted_at IS NULL;