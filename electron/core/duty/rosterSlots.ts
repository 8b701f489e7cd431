import { and, eq, isNull } from 'drizzle-orm'
import type { RosteredNow } from '../../../shared/duty/logSchema'
import { HANDOVER_LEAD_MINUTES } from '../../../shared/duty/kinds'
import { addDays } from '../../../shared/time/calendar'
import { localDate } from '../../../shared/time/zone'
import { runningOrNextWindow, shiftWindow, type ShiftWindow } from '../../../shared/duty/shiftWindow'
import type { Reader } from '../db/connection'
import { rosters } from '../db/schema'
import { patternOf, type DutySettings } from './settings'

/**
 * Reads of rosters and their cells, shared by the roster (roster.ts) and the leave requests (leave.ts):
 * kept here so that those two, which each read the other's rows, do not import each other.
 */

export type RosterRecord = typeof rosters.$inferSelect

/** The month's roster (draft or published), if any. */
export async function rosterOf(r: Reader, month: string): Promise<RosterRecord | undefined> {
  return r.orm.select().from(rosters).where(and(eq(rosters.month, month), isNull(rosters.deletedAt))).get()
}

/** A live cell of a published roster. */
export interface LiveSlot {
  id: string
  rosterId: string
  date: string
  staffId: string
  staffName: string
  shiftCode: string
}

const LIVE_PUBLISHED = `SELECT s.id, s.roster_id AS rosterId, s.date, s.staff_id AS staffId, st.name AS staffName, s.shift_code AS shiftCode
  FROM roster_slots s JOIN rosters r ON r.id = s.roster_id JOIN staff st ON st.id = s.staff_id
 WHERE s.deleted_at IS NULL AND r.deleted_at IS NULL AND r.status = 'published'`

/** Live cells of published rosters on these dates (optionally of one person). */
export async function publishedSlotsOn(r: Reader, dates: string[], staffId?: string): Promise<LiveSlot[]> {
  const marks = dates.map(() => '?').join(',')
  const byStaff = staffId ? ' AND s.staff_id = ?' : ''
  return r.all<LiveSlot>(`${LIVE_PUBLISHED} AND s.date IN (${marks})${byStaff} ORDER BY s.date`, staffId ? [...dates, staffId] : dates)
}

export async function publishedSlotOf(r: Reader, date: string, staffId: string): Promise<LiveSlot | undefined> {
  return (await publishedSlotsOn(r, [date], staffId))[0]
}

export function windowOf(settings: DutySettings, slot: { date: string; shiftCode: string }): ShiftWindow | null {
  const p = patternOf(settings, slot.shiftCode)
  return p ? shiftWindow(p, slot.date, settings.timeZone) : null
}

/**
 * Slots whose shift is running at `now` or starts within the lead time (the incoming clerk comes
 * early). Yesterday's slots are included: a night shift that crossed midnight belongs to its first day.
 */
export async function slotsAround(r: Reader, settings: DutySettings, now: Date, staffId?: string) {
  const today = localDate(now, settings.timeZone)
  const slots = await publishedSlotsOn(r, [addDays(today, -1), today, addDays(today, 1)], staffId)
  const t = now.getTime()
  const lead = HANDOVER_LEAD_MINUTES * 60_000
  return slots
    .map((s) => ({ slot: s, window: windowOf(settings, s) }))
    .filter((x): x is { slot: LiveSlot; window: ShiftWindow } => !!x.window && new Date(x.window.startsAt).getTime() - lead <= t && t < new Date(x.window.endsAt).getTime())
    .sort((a, b) => a.window.startsAt.localeCompare(b.window.startsAt))
}

/** The shift this person is rostered for now (running, or starting within the lead time), if any. */
export async function rosteredSlotAt(r: Reader, settings: DutySettings, staffId: string, now: Date) {
  return (await slotsAround(r, settings, now, staffId))[0] ?? null
}

export async function rosteredNow(r: Reader, settings: DutySettings, now: Date): Promise<RosteredNow[]> {
  return (await slotsAround(r, settings, now)).map(({ slot, window }) => ({
    staffId: slot.staffId,
    staffName: slot.staffName,
    date: window.date,
    shiftCode: window.code,
    shiftName: window.name,
    startsAt: window.startsAt,
    endsAt: window.endsAt,
  }))
}

/** For an authorised (unrostered) duty: the pattern asked for (or any), running or next (shared/duty/shiftWindow). */
export function patternWindowNear(settings: DutySettings, now: Date, code?: string): ShiftWindow | null {
  const patterns = code ? settings.shifts.filter((p) => p.code === code) : settings.shifts
  return runningOrNextWindow(patterns, now, settings.timeZone)
}
