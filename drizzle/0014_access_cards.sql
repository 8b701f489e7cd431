-- 门禁卡: kinds (editable site settings, soft delete), and records of fact — cards issued, what
-- happened to them, their money and the stock movements, the gate exports — append-only with their own
-- UUIDv7 ids, so a LAN sync merges them by union. A card's state is derived from its facts.
CREATE TABLE `card_kinds` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`terminal_id` text NOT NULL,
	`deleted_at` text,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`deposit_fen` integer NOT NULL CHECK (`deposit_fen` >= 0),
	`fee_fen` integer NOT NULL CHECK (`fee_fen` >= 0),
	`replace_fee_fen` integer NOT NULL CHECK (`replace_fee_fen` >= 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `card_kinds_code_uq` ON `card_kinds` (`code`);
--> statement-breakpoint
CREATE UNIQUE INDEX `card_kinds_name_uq` ON `card_kinds` (`name`) WHERE `deleted_at` IS NULL;
--> statement-breakpoint
CREATE TABLE `cards` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`terminal_id` text NOT NULL,
	`deleted_at` text,
	`card_no` text NOT NULL,
	`kind_id` text NOT NULL REFERENCES `card_kinds`(`id`),
	`unit_id` text NOT NULL REFERENCES `units`(`id`),
	`holder_resident_id` text NOT NULL REFERENCES `residents`(`id`),
	`holder_name` text NOT NULL,
	`holder_kind` text NOT NULL,
	`owner_consent` text,
	`entry` text NOT NULL CHECK (`entry` IN ('typed', 'reader')),
	`deposit_fen` integer NOT NULL,
	`fee_fen` integer NOT NULL,
	`replaces_card_id` text REFERENCES `cards`(`id`),
	`staff_id` text NOT NULL REFERENCES `staff`(`id`),
	`note` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `cards_card_no_uq` ON `cards` (`card_no`);
--> statement-breakpoint
CREATE INDEX `cards_unit` ON `cards` (`unit_id`);
--> statement-breakpoint
CREATE INDEX `cards_holder` ON `cards` (`holder_resident_id`);
--> statement-breakpoint
CREATE UNIQUE INDEX `cards_replaces_uq` ON `cards` (`replaces_card_id`);
--> statement-breakpoint
CREATE TABLE `card_events` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`terminal_id` text NOT NULL,
	`deleted_at` text,
	`card_id` text NOT NULL REFERENCES `cards`(`id`),
	`event` text NOT NULL CHECK (`event` IN ('lost', 'returned')),
	`who` text,
	`staff_id` text NOT NULL REFERENCES `staff`(`id`),
	`note` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `card_events_once` ON `card_events` (`card_id`, `event`);
--> statement-breakpoint
CREATE TABLE `card_ledger` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`terminal_id` text NOT NULL,
	`deleted_at` text,
	`card_id` text NOT NULL REFERENCES `cards`(`id`),
	`kind` text NOT NULL CHECK (`kind` IN ('charge', 'refund')),
	`item` text NOT NULL CHECK (`item` IN ('deposit', 'fee', 'replaceFee')),
	`amount_fen` integer NOT NULL CHECK (`amount_fen` >= 0),
	`receipt_no` text,
	`staff_id` text NOT NULL REFERENCES `staff`(`id`),
	`at` text NOT NULL,
	`note` text
);
--> statement-breakpoint
CREATE INDEX `card_ledger_card` ON `card_ledger` (`card_id`);
--> statement-breakpoint
CREATE UNIQUE INDEX `card_ledger_refund_once` ON `card_ledger` (`card_id`) WHERE `kind` = 'refund' AND `item` = 'deposit';
--> statement-breakpoint
CREATE TABLE `card_stock` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`terminal_id` text NOT NULL,
	`deleted_at` text,
	`kind_id` text NOT NULL REFERENCES `card_kinds`(`id`),
	`move` text NOT NULL CHECK (`move` IN ('received', 'issued', 'spoiled')),
	`count` integer NOT NULL CHECK (`count` > 0),
	`card_no` text,
	`card_id` text REFERENCES `cards`(`id`),
	`staff_id` text NOT NULL REFERENCES `staff`(`id`),
	`note` text
);
--> statement-breakpoint
CREATE INDEX `card_stock_kind` ON `card_stock` (`kind_id`);
--> statement-breakpoint
CREATE UNIQUE INDEX `card_stock_spoiled_no_uq` ON `card_stock` (`card_no`) WHERE `card_no` IS NOT NULL AND `move` = 'spoiled';
--> statement-breakpoint
CREATE TABLE `card_exports` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`terminal_id` text NOT NULL,
	`deleted_at` text,
	`scope` text NOT NULL CHECK (`scope` IN ('all', 'changes')),
	`since` text,
	`count` integer NOT NULL,
	`staff_id` text NOT NULL REFERENCES `staff`(`id`)
);
--> statement-breakpoint
CREATE TRIGGER `cards_no_update` BEFORE UPDATE ON `cards`
BEGIN SELECT RAISE(ABORT, 'cards is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `cards_no_delete` BEFORE DELETE ON `cards`
BEGIN SELECT RAISE(ABORT, 'cards is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `card_events_no_update` BEFORE UPDATE ON `card_events`
BEGIN SELECT RAISE(ABORT, 'card_events is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `card_events_no_delete` BEFORE DELETE ON `card_events`
BEGIN SELECT RAISE(ABORT, 'card_events is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `card_ledger_no_update` BEFORE UPDATE ON `card_ledger`
BEGIN SELECT RAISE(ABORT, 'card_ledger is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `card_ledger_no_delete` BEFORE DELETE ON `card_ledger`
BEGIN SELECT RAISE(ABORT, 'card_ledger is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `card_stock_no_update` BEFORE UPDATE ON `card_stock`
BEGIN SELECT RAISE(ABORT, 'card_stock is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `card_stock_no_delete` BEFORE DELETE ON `card_stock`
BEGIN SELECT RAISE(ABORT, 'card_stock is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `card_exports_no_update` BEFORE UPDATE ON `card_exports`
BEGIN SELECT RAISE(ABORT, 'card_exports is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `card_exports_no_delete` BEFORE DELETE ON `card_exports`
BEGIN SELECT RAISE(ABORT, 'card_exports is append-only'); END;
