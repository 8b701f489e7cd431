-- 门禁卡领用签收单: the holder's signature drawn on the 发卡/补卡 screen where the site turns it on
-- (项目设置 › 门禁卡签收手写签名). A record of fact with its own UUIDv7 id, one per card, append-only;
-- its SHA-256 is sealed in the card.issue / card.replace audit row (hash-chained), so a drawing swapped
-- behind the app prints as changed. A LAN sync merges these by union (the card id is global).
CREATE TABLE `card_signatures` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`terminal_id` text NOT NULL,
	`deleted_at` text,
	`card_id` text NOT NULL,
	`staff_id` text NOT NULL,
	`at` text NOT NULL,
	`data_url` text NOT NULL,
	FOREIGN KEY (`card_id`) REFERENCES `cards`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `card_signatures_card` ON `card_signatures` (`card_id`);
--> statement-breakpoint
CREATE TRIGGER `card_signatures_no_update` BEFORE UPDATE ON `card_signatures`
BEGIN SELECT RAISE(ABORT, 'card_signatures is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `card_signatures_no_delete` BEFORE DELETE ON `card_signatures`
BEGIN SELECT RAISE(ABORT, 'card_signatures is append-only'); END;
