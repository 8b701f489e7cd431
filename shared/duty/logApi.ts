import { z } from 'zod'
import { method } from '../api/contract'
import type { LogTemplate } from '../site/schema'
import { DUTY_ROLES, HANDLES_ESCALATIONS, READS_DUTY, SEES_OVERDUE, SPOT_CHECKS, SUPERVISES } from './kinds'
import {
  byEntry,
  dutyListInput,
  dutyStartInput,
  escalationQueueInput,
  escalationResolveInput,
  logAddInput,
  logCloseInput,
  logCorrectInput,
  logEscalateInput,
  logFollowUpInput,
  logListInput,
  logUpdateInput,
  qualityAddInput,
  qualityListInput,
  reviewListInput,
  reviewMarkInput,
  type DutyCurrent,
  type DutyShiftRow,
  type LogEntryDetail,
  type LogEntryRow,
  type OverdueShift,
  type QualityRow,
  type ReviewDay,
  type ReviewRow,
} from './logSchema'

const none = z.object({}).optional()

export const logApi = {
  'duty.current': method<DutyCurrent>()(none, READS_DUTY),
  'duty.start': method<DutyShiftRow>()(dutyStartInput, DUTY_ROLES),
  'duty.list': method<DutyShiftRow[]>()(dutyListInput, READS_DUTY),
  'shift.overdue': method<OverdueShift[]>()(none, SEES_OVERDUE),
  'log.add': method<LogEntryDetail>()(logAddInput, DUTY_ROLES),
  'log.update': method<LogEntryDetail>()(logUpdateInput, DUTY_ROLES),
  'log.correct': method<LogEntryDetail>()(logCorrectInput, DUTY_ROLES),
  'log.get': method<LogEntryDetail>()(byEntry, READS_DUTY),
  'log.list': method<{ rows: LogEntryRow[]; total: number }>()(logListInput, READS_DUTY),
  'log.pending': method<LogEntryRow[]>()(none, READS_DUTY),
  'log.followUp': method<LogEntryDetail>()(logFollowUpInput, DUTY_ROLES),
  'log.close': method<LogEntryDetail>()(logCloseInput, DUTY_ROLES),
  'log.escalate': method<LogEntryDetail>()(logEscalateInput, DUTY_ROLES),
  'log.templates': method<LogTemplate[]>()(none, READS_DUTY),
  'escalation.queue': method<LogEntryRow[]>()(escalationQueueInput, HANDLES_ESCALATIONS),
  'escalation.resolve': method<LogEntryDetail>()(escalationResolveInput, HANDLES_ESCALATIONS),
  'review.queue': method<ReviewDay[]>()(none, SUPERVISES),
  'review.mark': method<ReviewRow>()(reviewMarkInput, SUPERVISES),
  'review.list': method<ReviewRow[]>()(reviewListInput, SPOT_CHECKS),
  'quality.add': method<QualityRow>()(qualityAddInput, SPOT_CHECKS),
  'quality.list': method<{ rows: QualityRow[]; myThisWeek: number }>()(qualityListInput, SPOT_CHECKS),
}
