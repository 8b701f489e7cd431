import { addMonthsToMonth, dayOfWeek, monthOfDate } from '../../../shared/time/calendar'
import { localDate } from '../../../shared/time/zone'
import { LEAVE_KIND_LABELS, ROSTER_REMIND_FROM_DAY, type LeaveKind } from '../../../shared/duty/kinds'
import type { LeaveRow, RosterSlot } from '../../../shared/duty/rosterSchema'
import type { ShiftPattern } from '../../../shared/site/schema'

/** Words and small rules the roster and leave pages share. */

const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六']

export const weekdayOf = (date: string) => WEEKDAYS[dayOfWeek(date)]
export const isWeekend = (date: string) => dayOfWeek(date) === 0 || dayOfWeek(date) === 6
/** 2026-12-06 → 12-06 周日 */
export const dateLabel = (date: string) => `${date.slice(5)} 周${weekdayOf(date)}`

/** The day `now` (the core's clock: coreNow) falls on in the site's time zone (the browser's when the site is not loaded yet). */
export function siteToday(now: Date, timeZone?: string): string {
  return localDate(now, timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone)
}

/** The month the roster page opens on: next month from the 20th on (排班 is due by the 25th), else this month. */
export function defaultRosterMonth(today: string): string {
  return Number(today.slice(8, 10)) >= ROSTER_REMIND_FROM_DAY ? addMonthsToMonth(monthOfDate(today), 1) : monthOfDate(today)
}

export const isMonth = (s: string | undefined): s is string => !!s && /^\d{4}-(0[1-9]|1[0-2])$/.test(s)

/**
 * One or two characters per pattern for the grid: the first character of the name (早/中/晚/夜), or
 * the first two when two patterns share a first character.
 */
export function shortShiftNames(shifts: ShiftPattern[]): Map<string, string> {
  const first = new Map<string, number>()
  for (const p of shifts) first.set(p.name.charAt(0), (first.get(p.name.charAt(0)) ?? 0) + 1)
  return new Map(shifts.map((p) => [p.code, first.get(p.name.charAt(0))! > 1 ? p.name.slice(0, 2) : p.name.charAt(0)]))
}

/** 早班 07:30–15:30 (次日 when it crosses midnight). */
export const shiftTitle = (p: ShiftPattern) => `${p.name} ${p.start}–${p.end <= p.start ? '次日' : ''}${p.end}`

/** A mark on a cell changed by an approved request. */
export interface CellMark {
  badge: '请' | '调' | '替' | '换'
  color: string
  tip: string
}

const BADGE: Record<LeaveKind, CellMark['badge']> = { leave: '请', timeOff: '调', cover: '替', swap: '换' }
export const BADGE_COLORS: Record<CellMark['badge'], string> = { 请: '#cf1322', 调: '#d46b08', 替: '#1f6fb2', 换: '#722ed1' }

const who = (c: LeaveRow) => `${c.staffName}${LEAVE_KIND_LABELS[c.kind]}`

/**
 * Marks by `${staffId}|${date}`: a cell someone took over (替/换, from the slot's leaveId), and the
 * cell its planned holder left (请/调/替/换, from the approved change).
 */
export function cellMarks(slots: RosterSlot[], changes: LeaveRow[]): Map<string, CellMark> {
  const byId = new Map(changes.map((c) => [c.id, c]))
  const marks = new Map<string, CellMark>()
  const put = (staffId: string, date: string, badge: CellMark['badge'], tip: string) => marks.set(`${staffId}|${date}`, { badge, color: BADGE_COLORS[badge], tip })
  for (const c of changes) {
    const badge = BADGE[c.kind]
    const by = c.substituteName ? (c.kind === 'swap' ? `,与 ${c.substituteName} 换班(${c.swapDate ?? ''})` : `,由 ${c.substituteName} 替班`) : ',该班次空出'
    put(c.staffId, c.date, badge, `${who(c)}(${c.shiftName})已批准${by}。事由:${c.reason}`)
    if (c.kind === 'swap' && c.substituteId && c.swapDate) put(c.substituteId, c.swapDate, '换', `与 ${c.staffName} 换班(${c.date})`)
  }
  for (const s of slots) {
    if (!s.leaveId) continue
    const c = byId.get(s.leaveId)
    const badge = c?.kind === 'swap' ? '换' : '替'
    const tip = c ? `${badge === '换' ? '换班' : '替班'}:原排 ${s.plannedStaffName ?? ''}(${who(c)},${c.decidedByName ?? ''}批准)` : `原排 ${s.plannedStaffName ?? ''}`
    put(s.staffId, s.date, badge, tip)
  }
  return marks
}
