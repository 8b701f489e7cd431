-- One normalised room key per unit (shared/registry/normalize.ts roomKey: "0301" is "301",
-- upper case, no leading zeros), unique among live units, and the room reversed for room tails.
-- Stored building codes, entrances and rooms are ASCII letters and digits (the old form's rule), so
-- upper() and ltrim(…, '0') here give exactly what normPart gives for them.
ALTER TABLE `units` ADD `room_rev` text DEFAULT '' NOT NULL;
--> statement-breakpoint
UPDATE `units` SET `room_key` =
  (SELECT (CASE WHEN b.code = '' THEN '' WHEN ltrim(upper(b.code), '0') = '' THEN '0' ELSE ltrim(upper(b.code), '0') END) FROM `buildings` b WHERE b.id = `units`.`building_id`)
  || '-' || (CASE WHEN `units`.`entrance` = '' THEN '' WHEN ltrim(upper(`units`.`entrance`), '0') = '' THEN '0' ELSE ltrim(upper(`units`.`entrance`), '0') END) || '-' || (CASE WHEN `units`.`room` = '' THEN '' WHEN ltrim(upper(`units`.`room`), '0') = '' THEN '0' ELSE ltrim(upper(`units`.`room`), '0') END);
--> statement-breakpoint
-- Rooms have at most 10 characters (the form's rule): reversed character by character.
UPDATE `units` SET `room_rev` = (SELECT substr(nr, 10, 1) || substr(nr, 9, 1) || substr(nr, 8, 1) || substr(nr, 7, 1) || substr(nr, 6, 1) || substr(nr, 5, 1) || substr(nr, 4, 1) || substr(nr, 3, 1) || substr(nr, 2, 1) || substr(nr, 1, 1) FROM (SELECT (CASE WHEN `units`.`room` = '' THEN '' WHEN ltrim(upper(`units`.`room`), '0') = '' THEN '0' ELSE ltrim(upper(`units`.`room`), '0') END) AS nr));
--> statement-breakpoint
-- Units that were typed twice ("0301" and "301" in one building and entrance) cannot both keep the
-- key: the later one gets "~<id>" so the unique index builds and nothing is lost; the administrator
-- sees both and can move the residents (the later unit no longer matches the type-ahead's exact key).
UPDATE `units` SET `room_key` = `room_key` || '~' || `id`
 WHERE `deleted_at` IS NULL
   AND EXISTS (SELECT 1 FROM `units` o WHERE o.`room_key` = `units`.`room_key` AND o.`deleted_at` IS NULL AND o.`id` < `units`.`id`);
--> statement-breakpoint
DROP INDEX IF EXISTS `units_room_key`;
--> statement-breakpoint
CREATE UNIQUE INDEX `units_room_key_uq` ON `units` (`room_key`) WHERE deleted_at IS NULL;
--> statement-breakpoint
CREATE INDEX `units_room_rev` ON `units` (`room_rev`, `room_key`, `id`) WHERE deleted_at IS NULL;
--> statement-breakpoint
-- Phone digits typed from the start (138…) and the ID-number check on save and import.
CREATE INDEX `residents_phone` ON `residents` (`phone`);
--> statement-breakpoint
CREATE INDEX `residents_id_number` ON `residents` (`id_number`);
--> statement-breakpoint
-- The middle of a name ("伟" in 张伟明) as an indexed prefix: every suffix of a live resident's name
-- from its second character. Derived from residents by the triggers below, on each terminal: it is
-- an index, not a record, and is never synced (sync carries residents; the triggers rebuild this).
CREATE TABLE `resident_name_parts` (
  `part` text NOT NULL,
  `resident_id` text NOT NULL,
  PRIMARY KEY (`part`, `resident_id`)
) WITHOUT ROWID;
--> statement-breakpoint
INSERT OR IGNORE INTO `resident_name_parts` (`part`, `resident_id`)
  SELECT substr(r.name, p.column1), r.id FROM `residents` r, (VALUES (2), (3), (4), (5), (6), (7), (8), (9), (10), (11), (12), (13), (14), (15), (16), (17), (18), (19), (20), (21), (22), (23), (24), (25), (26), (27), (28), (29), (30)) AS p
   WHERE r.deleted_at IS NULL AND p.column1 <= length(r.name);
--> statement-breakpoint
CREATE TRIGGER `residents_name_parts_insert` AFTER INSERT ON `residents` WHEN NEW.deleted_at IS NULL
BEGIN
  INSERT OR IGNORE INTO `resident_name_parts` (`part`, `resident_id`) SELECT substr(NEW.name, p.column1), NEW.id FROM (VALUES (2), (3), (4), (5), (6), (7), (8), (9), (10), (11), (12), (13), (14), (15), (16), (17), (18), (19), (20), (21), (22), (23), (24), (25), (26), (27), (28), (29), (30)) AS p WHERE p.column1 <= length(NEW.name);
END;
--> statement-breakpoint
CREATE TRIGGER `residents_name_parts_update` AFTER UPDATE OF `name`, `deleted_at` ON `residents`
BEGIN
  DELETE FROM `resident_name_parts` WHERE `resident_id` = OLD.id AND `part` IN (SELECT substr(OLD.name, p.column1) FROM (VALUES (2), (3), (4), (5), (6), (7), (8), (9), (10), (11), (12), (13), (14), (15), (16), (17), (18), (19), (20), (21), (22), (23), (24), (25), (26), (27), (28), (29), (30)) AS p WHERE p.column1 <= length(OLD.name));
  INSERT OR IGNORE INTO `resident_name_parts` (`part`, `resident_id`) SELECT substr(NEW.name, p.column1), NEW.id FROM (VALUES (2), (3), (4), (5), (6), (7), (8), (9), (10), (11), (12), (13), (14), (15), (16), (17), (18), (19), (20), (21), (22), (23), (24), (25), (26), (27), (28), (29), (30)) AS p WHERE p.column1 <= length(NEW.name) AND NEW.deleted_at IS NULL;
END;
