import { z } from 'zod'
import { method } from '../api/contract'
import { DUTY_ROLES, MAKES_ROSTER, READS_DUTY, SUPERVISES } from './kinds'
import {
  leaveCancelInput,
  leaveDecideInput,
  leaveListInput,
  leaveRequestInput,
  rosterMonthInput,
  rosterSaveDraftInput,
  type LeaveRow,
  type RosterReminder,
  type RosterView,
} from './rosterSchema'

export const rosterApi = {
  'roster.get': method<RosterView>()(rosterMonthInput, READS_DUTY),
  'roster.saveDraft': method<RosterView>()(rosterSaveDraftInput, MAKES_ROSTER, { maxBody: 2 * 1024 * 1024 }), // ≤5000 cells
  'roster.copyPrevious': method<RosterView>()(rosterMonthInput, MAKES_ROSTER),
  'roster.publish': method<RosterView>()(rosterMonthInput, MAKES_ROSTER),
  'roster.reminder': method<RosterReminder>()(z.object({}).optional(), READS_DUTY),
  'leave.request': method<LeaveRow>()(leaveRequestInput, DUTY_ROLES),
  'leave.decide': method<LeaveRow>()(leaveDecideInput, SUPERVISES),
  'leave.cancel': method<LeaveRow>()(leaveCancelInput, DUTY_ROLES),
  'leave.list': method<LeaveRow[]>()(leaveListInput, READS_DUTY),
}
