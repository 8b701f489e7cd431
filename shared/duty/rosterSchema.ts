import { z } from 'zod'
import type { ShiftPattern } from '../site/schema'
import { entityId, isoDate, optionalIsoDate, optionalText, text } from '../validate/fields'
import { month } from './fields'
import { LEAVE_KINDS, LEAVE_STATUSES, type LeaveKind, type LeaveStatus } from './kinds'

/** 排班表 (roster) and 请假/调休/替班/换班 (leave and swaps). */

export const rosterMonthInput = z.object({ month: month() })

export const rosterCell = z.object({
  date: isoDate('日期'),
  staffId: entityId('员工'),
  shiftCode: text('班次', 20),
})
export type RosterCell = z.input<typeof rosterCell>

/** The whole month grid (staff × days) as a list of filled cells; saving replaces the draft. */
export const rosterSaveDraftInput = z.object({
  month: month(),
  cells: z.array(rosterCell, { error: '排班内容不正确' }).max(5000, { error: '排班格子过多' }),
})

export const leaveRequestInput = z.object({
  kind: z.enum(LEAVE_KINDS, { error: '申请类型应为请假、调休、替班或换班' }),
  date: isoDate('日期'),
  reason: text('事由', 200),
  /** Refused on purpose: the supervisor arranges the substitute when approving (任何值班人员不得擅自安排替值/换值班). */
  substituteId: z.never({ error: '替班人由客服主管审批时安排,申请人不能自行指定' }).optional(),
})

export const leaveDecideInput = z.object({
  id: entityId('申请'),
  approve: z.boolean({ error: '请选择批准或不批准' }),
  note: optionalText('审批意见', 200),
  /** Who takes the slot: required for 替班 and 换班, optional for 请假/调休 (none = the slot is vacated). */
  substituteId: entityId('替班人').optional(),
  /** 换班: the substitute's rostered date whose slot the requester takes in return. */
  swapDate: optionalIsoDate('换班日期'),
})

export const leaveListInput = z
  .object({
    month: month().optional(),
    status: z.enum(LEAVE_STATUSES, { error: '状态不正确' }).optional(),
    /** Only my own requests (clerks always see only their own). */
    mine: z.boolean().optional(),
  })
  .optional()

export const leaveCancelInput = z.object({ id: entityId('申请') })

export interface RosterStaff {
  id: string
  staffNo: string
  name: string
  roles: string[]
  active: boolean
}

export interface RosterSlot {
  id: string
  date: string
  staffId: string
  staffName: string
  shiftCode: string
  /** Empty when the site no longer has this pattern. */
  shiftName: string
  startsAt: string | null
  endsAt: string | null
  /** Set when an approved leave/swap put this person here instead of the one planned. */
  plannedStaffId: string | null
  plannedStaffName: string | null
  leaveId: string | null
}

export interface RosterView {
  month: string
  status: 'none' | 'draft' | 'published'
  publishedAt: string | null
  publishedByName: string | null
  /** Published rosters are printable (排班表). */
  printable: boolean
  dates: string[]
  /** Days of the month without anyone rostered. */
  emptyDays: string[]
  shifts: ShiftPattern[]
  /** Active desk staff (rows of the grid) plus anyone rostered. */
  staff: RosterStaff[]
  slots: RosterSlot[]
  /** Approved changes this month, to mark the grid (请/调/替/换). */
  changes: LeaveRow[]
}

export interface RosterReminder {
  /** From the 20th until next month's roster is published. */
  show: boolean
  month: string
  dueDate: string
  overdue: boolean
  status: 'none' | 'draft' | 'published'
  message: string | null
}

export interface LeaveRow {
  id: string
  kind: LeaveKind
  staffId: string
  staffName: string
  date: string
  shiftCode: string
  shiftName: string
  reason: string
  status: LeaveStatus
  requestedAt: string
  decidedAt: string | null
  decidedByName: string | null
  note: string | null
  substituteId: string | null
  substituteName: string | null
  swapDate: string | null
  swapShiftCode: string | null
}
