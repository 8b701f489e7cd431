CREATE TABLE `handover_signatures` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`terminal_id` text NOT NULL,
	`deleted_at` text,
	`handover_id` text NOT NULL,
	`side` text NOT NULL,
	`staff_id` text NOT NULL,
	`at` text NOT NULL,
	`data_url` text NOT NULL,
	FOREIGN KEY (`handover_id`) REFERENCES `handovers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `handover_signatures_side` ON `handover_signatures` (`handover_id`,`side`);