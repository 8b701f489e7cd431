import { z } from 'zod'
import { method } from '../api/contract'
import { MAKES_ROSTER, SUPERVISES } from './kinds'
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
  'roster.get': method<RosterView>()(rosterMonthInput, 'session'),
  'roster.saveDraft': method<RosterView>()(rosterSaveDraftInput, MAKES_ROSTER),
  'roster.copyPrevious': method<RosterView>()(rosterMonthInput, MAKES_ROSTER),
  'roster.publish': method<RosterView>()(rosterMonthInput, MAKES_ROSTER),
  'roster.reminder': method<RosterReminder>()(z.object({}).optional(), 'session'),
  'leave.request': method<LeaveRow>()(leaveRequestInput, 'session'),
  'leave.decide': method<LeaveRow>()(leaveDecideInput, SUPERVISES),
  'leave.cancel': method<LeaveRow>()(leaveCancelInput, 'session'),
  'leave.list': method<LeaveRow[]>()(leaveListInput, 'session'),
}
