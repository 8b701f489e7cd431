-- Permits (issue C): records of fact are append-only; a permit is never deleted, its serial and kind
-- never change, and no document's validity is edited — except a renovation's end, moved by an approved
-- extension (its worker passes are re-issued instead). Serials only go up, so none is ever reused.
CREATE TRIGGER `permits_no_delete` BEFORE DELETE ON `permits`
BEGIN SELECT RAISE(ABORT, 'permits are never deleted'); END;
--> statement-breakpoint
CREATE TRIGGER `permits_serial_fixed` BEFORE UPDATE OF serial, kind, year, unit_id ON `permits`
WHEN NEW.serial IS NOT OLD.serial OR NEW.kind IS NOT OLD.kind OR NEW.year IS NOT OLD.year OR NEW.unit_id IS NOT OLD.unit_id
BEGIN SELECT RAISE(ABORT, 'a permit keeps its serial, kind and unit'); END;
--> statement-breakpoint
CREATE TRIGGER `permits_validity_fixed` BEFORE UPDATE OF valid_from, valid_until ON `permits`
WHEN NEW.valid_from IS NOT OLD.valid_from OR (NEW.valid_until IS NOT OLD.valid_until AND (OLD.kind <> 'renovation' OR NEW.valid_until < OLD.valid_until))
BEGIN SELECT RAISE(ABORT, 'the dates of a permit are never edited (re-issue it)'); END;
--> statement-breakpoint
CREATE TRIGGER `permits_voided_final` BEFORE UPDATE ON `permits` WHEN OLD.state = 'voided'
BEGIN SELECT RAISE(ABORT, 'a voided permit is final'); END;
--> statement-breakpoint
CREATE TRIGGER `permit_serials_up_only` BEFORE UPDATE ON `permit_serials`
WHEN NEW.last <= OLD.last OR NEW.kind IS NOT OLD.kind OR NEW.year IS NOT OLD.year
BEGIN SELECT RAISE(ABORT, 'serial numbers only go up'); END;
--> statement-breakpoint
CREATE TRIGGER `permit_serials_no_delete` BEFORE DELETE ON `permit_serials`
BEGIN SELECT RAISE(ABORT, 'serial counters are never deleted'); END;
--> statement-breakpoint
CREATE TRIGGER `permit_reviews_no_update` BEFORE UPDATE ON `permit_reviews`
BEGIN SELECT RAISE(ABORT, 'permit_reviews is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `permit_reviews_no_delete` BEFORE DELETE ON `permit_reviews`
BEGIN SELECT RAISE(ABORT, 'permit_reviews is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `permit_prints_no_update` BEFORE UPDATE ON `permit_prints`
BEGIN SELECT RAISE(ABORT, 'permit_prints is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `permit_prints_no_delete` BEFORE DELETE ON `permit_prints`
BEGIN SELECT RAISE(ABORT, 'permit_prints is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `deposit_ledger_no_update` BEFORE UPDATE ON `deposit_ledger`
BEGIN SELECT RAISE(ABORT, 'deposit_ledger is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `deposit_ledger_no_delete` BEFORE DELETE ON `deposit_ledger`
BEGIN SELECT RAISE(ABORT, 'deposit_ledger is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `permit_files_no_update` BEFORE UPDATE ON `permit_files`
BEGIN SELECT RAISE(ABORT, 'permit_files is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `permit_files_no_delete` BEFORE DELETE ON `permit_files`
BEGIN SELECT RAISE(ABORT, 'permit_files is append-only'); END;
