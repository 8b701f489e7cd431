-- Drawn signatures are records of fact: never changed or removed, and none added once signed.
CREATE TRIGGER `handover_signatures_no_update` BEFORE UPDATE ON `handover_signatures`
BEGIN SELECT RAISE(ABORT, 'handover_signatures is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `handover_signatures_no_delete` BEFORE DELETE ON `handover_signatures`
BEGIN SELECT RAISE(ABORT, 'handover_signatures is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `handover_signatures_signed_no_insert` BEFORE INSERT ON `handover_signatures`
WHEN (SELECT status FROM handovers WHERE id = NEW.handover_id) = 'signed'
BEGIN SELECT RAISE(ABORT, 'handover is signed and immutable'); END;
