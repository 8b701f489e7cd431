-- Several clerks on duty at once (issue D): one open shift per person instead of one per desk;
-- one open shift holds custody of the desk's items (钥匙、备用金、物品 …).
-- LAN sync (later): these partial unique indexes hold on one database. Across terminals the
-- custody flag and the chain's seq must be decided by one writer (the host terminal that owns
-- the desk's chain); other terminals propose handovers and receive the signed rows. See
-- shared/duty/handoverRules.ts.
DROP INDEX IF EXISTS `duty_shifts_one_open`;
--> statement-breakpoint
CREATE UNIQUE INDEX `duty_shifts_one_open_per_staff` ON `duty_shifts` (`staff_id`) WHERE status = 'open' AND deleted_at IS NULL;
--> statement-breakpoint
ALTER TABLE `duty_shifts` ADD `custody` integer DEFAULT 0 NOT NULL;
--> statement-breakpoint
-- The one open shift of the one-clerk model held the desk's items.
UPDATE `duty_shifts` SET `custody` = 1 WHERE `status` = 'open' AND `deleted_at` IS NULL;
--> statement-breakpoint
CREATE UNIQUE INDEX `duty_shifts_one_custodian` ON `duty_shifts` (`custody`) WHERE custody = 1 AND status = 'open' AND deleted_at IS NULL;
--> statement-breakpoint
-- shift: to a clerk on duty or arriving; dayClose: the last clerk closes the desk, the next
-- morning's first clerk accepts it (status draft → closed → signed).
ALTER TABLE `handovers` ADD `kind` text DEFAULT 'shift' NOT NULL;
--> statement-breakpoint
-- Whether the outgoing clerk held (and so hands over) the desk's items; every earlier handover did.
ALTER TABLE `handovers` ADD `with_custody` integer DEFAULT 1 NOT NULL;
--> statement-breakpoint
ALTER TABLE `handovers` ADD `closed_at` text;
--> statement-breakpoint
-- While a closing waits for the morning (status closed), its outgoing side is a record of fact.
CREATE TRIGGER `handovers_closed_outgoing_fixed` BEFORE UPDATE ON `handovers`
WHEN OLD.status = 'closed' AND (NEW.status NOT IN ('closed', 'signed') OR NEW.kind IS NOT OLD.kind OR NEW.with_custody IS NOT OLD.with_custody
  OR NEW.outgoing_shift_id IS NOT OLD.outgoing_shift_id OR NEW.outgoing_staff_id IS NOT OLD.outgoing_staff_id
  OR NEW.started_at IS NOT OLD.started_at OR NEW.closed_at IS NOT OLD.closed_at OR NEW.checklist IS NOT OLD.checklist
  OR NEW.custody IS NOT OLD.custody OR NEW.deleted_at IS NOT OLD.deleted_at)
BEGIN SELECT RAISE(ABORT, 'a closed desk handover keeps its outgoing side'); END;
--> statement-breakpoint
CREATE TRIGGER `handover_checks_closed_no_insert` BEFORE INSERT ON `handover_checks`
WHEN (SELECT status FROM handovers WHERE id = NEW.handover_id) = 'closed'
BEGIN SELECT RAISE(ABORT, 'the closing checklist is signed'); END;
--> statement-breakpoint
CREATE TRIGGER `handover_checks_closed_no_update` BEFORE UPDATE ON `handover_checks`
WHEN (SELECT status FROM handovers WHERE id = OLD.handover_id) = 'closed'
BEGIN SELECT RAISE(ABORT, 'the closing checklist is signed'); END;
--> statement-breakpoint
CREATE TRIGGER `handover_counts_closed_outgoing_fixed` BEFORE UPDATE ON `handover_counts`
WHEN (SELECT status FROM handovers WHERE id = OLD.handover_id) = 'closed'
  AND (NEW.outgoing_count IS NOT OLD.outgoing_count OR NEW.outgoing_at IS NOT OLD.outgoing_at OR NEW.item_code IS NOT OLD.item_code OR NEW.handover_id IS NOT OLD.handover_id)
BEGIN SELECT RAISE(ABORT, 'the closing count is signed'); END;
--> statement-breakpoint
-- Issue E: no entry is added to a shift that was handed over (a back-dated insert), nor moved into one.
CREATE TRIGGER `log_entries_closed_shift_no_insert` BEFORE INSERT ON `log_entries`
WHEN (SELECT status FROM duty_shifts WHERE id = NEW.shift_id) = 'closed' OR NEW.locked_at IS NOT NULL AND NEW.handover_id IS NULL
BEGIN SELECT RAISE(ABORT, 'the shift was handed over: no entry can be added to it'); END;
--> statement-breakpoint
CREATE TRIGGER `log_entries_closed_shift_no_move` BEFORE UPDATE OF shift_id ON `log_entries`
WHEN NEW.shift_id IS NOT OLD.shift_id
BEGIN SELECT RAISE(ABORT, 'an entry stays in its shift'); END;
--> statement-breakpoint
-- Who holds an open item is who last took it over (shared/duty/handoverRules holderOf).
CREATE INDEX `handover_acks_entry` ON `handover_acks` (`entry_id`);
