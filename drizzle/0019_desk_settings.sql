-- Settings of the desk's areas (repair categories and clocks, parcel days …), one row per setting:
-- the key is the row id, so two terminals changing different settings never touch the same row, and
-- the same setting changed on two resolves by the clock (issue H), the losing value kept in the log.
CREATE TABLE `desk_settings` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`terminal_id` text NOT NULL,
	`deleted_at` text,
	`value` text NOT NULL
);
