import dayjs from 'dayjs'
import timezone from 'dayjs/plugin/timezone.js'
import utc from 'dayjs/plugin/utc.js'
import type { ShiftPattern } from '../site/schema'

dayjs.extend(utc)
dayjs.extend(timezone)

/**
 * Wall-clock arithmetic in the site's time zone. Stored times are UTC ISO strings; roster dates
 * ('YYYY-MM-DD') and shift windows are the site's local calendar. A shift belongs to the date it
 * starts: 夜值 22:00–08:00 on 12-01 ends at 08:00 on 12-02.
 */

export interface ShiftWindow {
  /** Local date the shift starts. */
  date: string
  code: string
  name: string
  /** UTC ISO. */
  startsAt: string
  endsAt: string
}

/** Calendar arithmetic on 'YYYY-MM-DD' (no time zone involved). */
export function addDays(date: string, n: number): string {
  const d = new Date(date + 'T00:00:00Z')
  d.setUTCDate(d.getUTCDate() + n)
  return d.toISOString().slice(0, 10)
}

export const monthOfDate = (date: string) => date.slice(0, 7)

export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number)
  const t = y * 12 + (m - 1) + n
  return `${Math.floor(t / 12)}-${String((t % 12) + 1).padStart(2, '0')}`
}

export function daysInMonth(month: string): number {
  const [y, m] = month.split('-').map(Number)
  return new Date(Date.UTC(y, m, 0)).getUTCDate()
}

export function datesOfMonth(month: string): string[] {
  return Array.from({ length: daysInMonth(month) }, (_, i) => `${month}-${String(i + 1).padStart(2, '0')}`)
}

/** The local calendar date of an instant in the time zone. */
export function localDate(at: Date | string, tz: string): string {
  return dayjs(at).tz(tz).format('YYYY-MM-DD')
}

/** Local 'HH:mm' of an instant. */
export function localTime(at: Date | string, tz: string): string {
  return dayjs(at).tz(tz).format('HH:mm')
}

/** Local 'YYYY-MM-DD HH:mm' of an instant, for messages. */
export function localDateTime(at: Date | string, tz: string): string {
  return dayjs(at).tz(tz).format('YYYY-MM-DD HH:mm')
}

/** UTC ISO of a local wall-clock time ('YYYY-MM-DD', 'HH:mm') in the time zone. */
export function zonedIso(date: string, hhmm: string, tz: string): string {
  return dayjs.tz(`${date} ${hhmm}`, tz).toISOString()
}

/** UTC bounds [from, to) of a local date range (inclusive dates). */
export function localDayRange(from: string, to: string, tz: string): { from: string; to: string } {
  return { from: zonedIso(from, '00:00', tz), to: zonedIso(addDays(to, 1), '00:00', tz) }
}

/** The window of a pattern on a date: end ≤ start crosses midnight; end = start is a 24-hour shift. */
export function shiftWindow(p: ShiftPattern, date: string, tz: string): ShiftWindow {
  const startsAt = zonedIso(date, p.start, tz)
  const crosses = p.end <= p.start
  const endsAt = zonedIso(crosses ? addDays(date, 1) : date, p.end, tz)
  return { date, code: p.code, name: p.name, startsAt, endsAt }
}

/** Monday of the local week containing `date`. */
export function weekStart(date: string): string {
  const dow = new Date(date + 'T00:00:00Z').getUTCDay() // 0 Sunday
  return addDays(date, -((dow + 6) % 7))
}

/** Money in fen shown as yuan: 50000 → "500.00". */
export const fenToYuan = (fen: number) => (fen / 100).toFixed(2)
