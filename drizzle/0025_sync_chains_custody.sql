DROP INDEX `duty_shifts_one_custodian`;--> statement-breakpoint
DROP INDEX `handovers_seq_uq`;--> statement-breakpoint
ALTER TABLE `handovers` ADD `chain` text DEFAULT '' NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX `handovers_chain_seq_uq` ON `handovers` (`chain`,`seq`);