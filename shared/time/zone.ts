import dayjs from 'dayjs'
import timezone from 'dayjs/plugin/timezone.js'
import utc from 'dayjs/plugin/utc.js'
import { addDays, type LocalDay, type LocalStamp } from './calendar'

dayjs.extend(utc)
dayjs.extend(timezone)

/**
 * Instants and the site's wall clock. Stored times are UTC ISO strings; what a clerk reads, a roster
 * date and a permit's validity are the site's local time (calendar.ts does the arithmetic on them).
 * The clock is always passed in: a service turns `new Date()` into local text here, once.
 */

/** The local calendar day of an instant in the time zone. */
export function localDate(at: Date | string, tz: string): LocalDay {
  return dayjs(at).tz(tz).format('YYYY-MM-DD')
}

/** Local 'HH:mm' of an instant. */
export function localTime(at: Date | string, tz: string): string {
  return dayjs(at).tz(tz).format('HH:mm')
}

/** Local 'YYYY-MM-DD HH:mm' of an instant: a stamp (calendar.ts), as printed and compared. */
export function localDateTime(at: Date | string, tz: string): LocalStamp {
  return dayjs(at).tz(tz).format('YYYY-MM-DD HH:mm')
}

/** UTC ISO of a local wall-clock time ('YYYY-MM-DD', 'HH:mm') in the time zone. */
export function zonedIso(date: LocalDay, hhmm: string, tz: string): string {
  return dayjs.tz(`${date} ${hhmm}`, tz).toISOString()
}

/** UTC bounds [from, to) of a local date range (inclusive dates). */
export function localDayRange(from: LocalDay, to: LocalDay, tz: string): { from: string; to: string } {
  return { from: zonedIso(from, '00:00', tz), to: zonedIso(addDays(to, 1), '00:00', tz) }
}
