import type { ShiftPattern } from '../site/schema'
import { addDays, type LocalDay } from '../time/calendar'
import { localDate, zonedIso } from '../time/zone'

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

const ms = (iso: string) => new Date(iso).getTime()

/**
 * The shift an authorised (unrostered) duty belongs to, whether started or taken over at a handover:
 * the one running (the latest started when shifts overlap), else the next to start — never one that has
 * ended (a handover refuses an incoming clerk whose shift is over). So after the last shift ended at
 * 20:00, a clerk started at 20:40 logs under tomorrow's 早班: the log search's range is open at its end.
 */
export function runningOrNextWindow(patterns: ShiftPattern[], now: Date, tz: string): ShiftWindow | null {
  const today = localDate(now, tz)
  const t = now.getTime()
  const all = patterns.flatMap((p) => [-1, 0, 1].map((d) => shiftWindow(p, addDays(today, d), tz)))
  const running = all.filter((w) => ms(w.startsAt) <= t && t < ms(w.endsAt)).sort((a, b) => ms(b.startsAt) - ms(a.startsAt))[0]
  return running ?? all.filter((w) => ms(w.startsAt) > t).sort((a, b) => ms(a.startsAt) - ms(b.startsAt))[0] ?? null
}
