-- Duty log full-text search: trigram FTS5 matches Chinese substrings of 3+ characters (shorter
-- queries use LIKE, STACK.md). A standalone table keyed by the entry id (log_entries has no stable
-- integer rowid), kept in step by triggers.
CREATE VIRTUAL TABLE `log_fts` USING fts5(entry_id UNINDEXED, body, tokenize='trigram');
--> statement-breakpoint
CREATE TRIGGER `log_entries_fts_insert` AFTER INSERT ON `log_entries`
BEGIN
  INSERT INTO log_fts (entry_id, body) VALUES (NEW.id, NEW.content || char(10) || coalesce(NEW.person, '') || char(10) || coalesce(NEW.action, '') || char(10) || coalesce(NEW.passed_to, ''));
END;
--> statement-breakpoint
CREATE TRIGGER `log_entries_fts_update` AFTER UPDATE OF content, person, action, passed_to ON `log_entries`
BEGIN
  DELETE FROM log_fts WHERE entry_id = OLD.id;
  INSERT INTO log_fts (entry_id, body) VALUES (NEW.id, NEW.content || char(10) || coalesce(NEW.person, '') || char(10) || coalesce(NEW.action, '') || char(10) || coalesce(NEW.passed_to, ''));
END;
--> statement-breakpoint
-- A log entry is locked once its shift is handed over: no UPDATE of a locked row, no DELETE ever.
CREATE TRIGGER `log_entries_locked_no_update` BEFORE UPDATE ON `log_entries` WHEN OLD.locked_at IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'log entry is locked (its shift was handed over)'); END;
--> statement-breakpoint
CREATE TRIGGER `log_entries_no_delete` BEFORE DELETE ON `log_entries`
BEGIN SELECT RAISE(ABORT, 'log entries are never deleted'); END;
--> statement-breakpoint
-- Records of fact are append-only.
CREATE TRIGGER `log_follow_ups_no_update` BEFORE UPDATE ON `log_follow_ups`
BEGIN SELECT RAISE(ABORT, 'log_follow_ups is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `log_follow_ups_no_delete` BEFORE DELETE ON `log_follow_ups`
BEGIN SELECT RAISE(ABORT, 'log_follow_ups is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `day_reviews_no_update` BEFORE UPDATE ON `day_reviews`
BEGIN SELECT RAISE(ABORT, 'day_reviews is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `day_reviews_no_delete` BEFORE DELETE ON `day_reviews`
BEGIN SELECT RAISE(ABORT, 'day_reviews is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `quality_checks_no_update` BEFORE UPDATE ON `quality_checks`
BEGIN SELECT RAISE(ABORT, 'quality_checks is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `quality_checks_no_delete` BEFORE DELETE ON `quality_checks`
BEGIN SELECT RAISE(ABORT, 'quality_checks is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `handover_acks_no_update` BEFORE UPDATE ON `handover_acks`
BEGIN SELECT RAISE(ABORT, 'handover_acks is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `handover_acks_no_delete` BEFORE DELETE ON `handover_acks`
BEGIN SELECT RAISE(ABORT, 'handover_acks is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `handover_questions_no_update` BEFORE UPDATE ON `handover_questions`
BEGIN SELECT RAISE(ABORT, 'handover_questions is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `handover_questions_no_delete` BEFORE DELETE ON `handover_questions`
BEGIN SELECT RAISE(ABORT, 'handover_questions is append-only'); END;
--> statement-breakpoint
-- A signed handover is immutable, and so is everything attached to it; none is ever deleted.
CREATE TRIGGER `handovers_signed_no_update` BEFORE UPDATE ON `handovers` WHEN OLD.status = 'signed'
BEGIN SELECT RAISE(ABORT, 'a signed handover is immutable'); END;
--> statement-breakpoint
CREATE TRIGGER `handovers_no_delete` BEFORE DELETE ON `handovers`
BEGIN SELECT RAISE(ABORT, 'handovers are never deleted'); END;
--> statement-breakpoint
CREATE TRIGGER `handover_acks_signed_no_insert` BEFORE INSERT ON `handover_acks`
WHEN (SELECT status FROM handovers WHERE id = NEW.handover_id) = 'signed'
BEGIN SELECT RAISE(ABORT, 'a signed handover is immutable'); END;
--> statement-breakpoint
CREATE TRIGGER `handover_questions_signed_no_insert` BEFORE INSERT ON `handover_questions`
WHEN (SELECT status FROM handovers WHERE id = NEW.handover_id) = 'signed'
BEGIN SELECT RAISE(ABORT, 'a signed handover is immutable'); END;
--> statement-breakpoint
CREATE TRIGGER `handover_checks_signed_no_insert` BEFORE INSERT ON `handover_checks`
WHEN (SELECT status FROM handovers WHERE id = NEW.handover_id) = 'signed'
BEGIN SELECT RAISE(ABORT, 'a signed handover is immutable'); END;
--> statement-breakpoint
CREATE TRIGGER `handover_checks_signed_no_update` BEFORE UPDATE ON `handover_checks`
WHEN (SELECT status FROM handovers WHERE id = OLD.handover_id) = 'signed'
BEGIN SELECT RAISE(ABORT, 'a signed handover is immutable'); END;
--> statement-breakpoint
CREATE TRIGGER `handover_checks_no_delete` BEFORE DELETE ON `handover_checks`
BEGIN SELECT RAISE(ABORT, 'handover checks are never deleted'); END;
--> statement-breakpoint
CREATE TRIGGER `handover_counts_signed_no_insert` BEFORE INSERT ON `handover_counts`
WHEN (SELECT status FROM handovers WHERE id = NEW.handover_id) = 'signed'
BEGIN SELECT RAISE(ABORT, 'a signed handover is immutable'); END;
--> statement-breakpoint
CREATE TRIGGER `handover_counts_signed_no_update` BEFORE UPDATE ON `handover_counts`
WHEN (SELECT status FROM handovers WHERE id = OLD.handover_id) = 'signed'
BEGIN SELECT RAISE(ABORT, 'a signed handover is immutable'); END;
--> statement-breakpoint
CREATE TRIGGER `handover_counts_no_delete` BEFORE DELETE ON `handover_counts`
BEGIN SELECT RAISE(ABORT, 'handover counts are never deleted'); END;
--> statement-breakpoint
-- A closed duty shift is a record of fact.
CREATE TRIGGER `duty_shifts_closed_no_update` BEFORE UPDATE ON `duty_shifts` WHEN OLD.status = 'closed'
BEGIN SELECT RAISE(ABORT, 'a closed duty shift is immutable'); END;
--> statement-breakpoint
CREATE TRIGGER `duty_shifts_no_delete` BEFORE DELETE ON `duty_shifts`
BEGIN SELECT RAISE(ABORT, 'duty shifts are never deleted'); END;
