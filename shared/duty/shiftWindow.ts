import type { ShiftPattern } from '../site/schema'
import { addDays, type LocalDay } from '../time/calendar'
import { zonedIso } from '../time/zone'

/**
 * A shift on a date, as instants. A shift belongs to the date it starts: 夜值 22:00–08:00 on 12-01
 * ends at 08:00 on 12-02.
 */
export interface ShiftWindow {
  /** Local date the shift starts. */
  date: LocalDay
  code: string
  name: string
  /** UTC ISO. */
  startsAt: string
  endsAt: string
}

/** The window of a pattern on a date: end ≤ start crosses midnight; end = start is a 24-hour shift. */
export function shiftWindow(p: ShiftPattern, date: LocalDay, tz: string): ShiftWindow {
  const startsAt = zonedIso(date, p.start, tz)
  const crosses = p.end <= p.start
  const endsAt = zonedIso(crosses ? addDays(date, 1) : date, p.end, tz)
  return { date, code: p.code, name: p.name, startsAt, endsAt }
}
