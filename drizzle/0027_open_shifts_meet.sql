DROP INDEX `duty_shifts_one_open_per_staff`;--> statement-breakpoint
CREATE INDEX `duty_shifts_open_staff` ON `duty_shifts` (`staff_id`) WHERE status = 'open' AND deleted_at IS NULL;