import { addDays } from '../duty/time'
/**
 * Times on permits are the site's local wall-clock time, as printed on the paper and read by the guard:
 *
 * - a **day** `YYYY-MM-DD` for documents valid by the day (renovation period, worker pass, release slip);
 *   a day `until` includes the whole of that day;
 * - a **stamp** `YYYY-MM-DD HH:mm` for documents valid by the hour (hot work, lift use) and for the times
 *   of reviews, printing, use and voiding.
 *
 * Both sort as text, so comparisons need no Date. The site's time zones (Asia/Shanghai, Hong Kong,
 * Macau, Taipei, Urumqi) have no daylight saving, so a local stamp is never ambiguous. The clock is
 * always passed in: a service turns `new Date()` into a stamp once with `toLocalStamp(date, site.timeZone)`.
 */

export const DAY_RE = /^\d{4}-\d{2}-\d{2}$/
export const STAMP_RE = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/

/** `YYYY-MM-DD` */
export type LocalDay = string
/** `YYYY-MM-DD HH:mm` */
export type LocalStamp = string

function validDate(y: number, m: number, d: number): boolean {
  const t = new Date(Date.UTC(y, m - 1, d))
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d
}

export function isDay(s: string): boolean {
  return DAY_RE.test(s) && validDate(Number(s.slice(0, 4)), Number(s.slice(5, 7)), Number(s.slice(8, 10)))
}

export function isStamp(s: string): boolean {
  if (!STAMP_RE.test(s) || !isDay(s.slice(0, 10))) return false
  const h = Number(s.slice(11, 13))
  const m = Number(s.slice(14, 16))
  return h <= 23 && m <= 59
}

/** Accepts `YYYY-MM-DDTHH:mm[:ss…]` too (date pickers, ISO without zone) and cuts it to a stamp. */
export function normalizeStamp(raw: string): string {
  const s = raw.trim().replace('T', ' ')
  return /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(s) ? s.slice(0, 16) : s
}

/** The day part of a day or a stamp. */
export const dayOf = (s: string): LocalDay => s.slice(0, 10)

/** The wall-clock time of `instant` in `timeZone`, as a stamp. */
export function toLocalStamp(instant: Date, timeZone: string): LocalStamp {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(instant)
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '00'
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0')

function fromUtc(t: Date, withTime: boolean): string {
  const day = `${pad(t.getUTCFullYear(), 4)}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`
  return withTime ? `${day} ${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}` : day
}

/** Wall-clock arithmetic on a naive UTC Date (no zone involved). */
function asUtc(s: string): Date {
  const [y, m, d] = [Number(s.slice(0, 4)), Number(s.slice(5, 7)), Number(s.slice(8, 10))]
  const [hh, mm] = s.length > 10 ? [Number(s.slice(11, 13)), Number(s.slice(14, 16))] : [0, 0]
  return new Date(Date.UTC(y, m - 1, d, hh, mm))
}

/** Calendar days: the duty area's arithmetic on 'YYYY-MM-DD' serves here too. */
export { addDays }

/** Same day-of-month `n` months later, clamped to the month's end (01-31 + 1 month → 02-28). */
export function addMonths(day: LocalDay, n: number): LocalDay {
  const y = Number(day.slice(0, 4))
  const m = Number(day.slice(5, 7)) - 1 + n
  const d = Number(day.slice(8, 10))
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate()
  return fromUtc(new Date(Date.UTC(y, m, Math.min(d, last))), false)
}

export function addMinutes(stamp: LocalStamp, n: number): LocalStamp {
  return fromUtc(new Date(asUtc(stamp).getTime() + n * 60_000), true)
}

export function minutesBetween(from: LocalStamp, to: LocalStamp): number {
  return Math.round((asUtc(to).getTime() - asUtc(from).getTime()) / 60_000)
}

/** Last day of a period of `months` starting on `start`: 2026-03-01 + 3 months → 2026-05-31. */
export function periodEnd(start: LocalDay, months: number): LocalDay {
  return addDays(addMonths(start, months), -1)
}

/** `now` is before the start of validity `from` (a day starts at 00:00). */
export function notYetValid(from: string, now: LocalStamp): boolean {
  return from.length === 10 ? dayOf(now) < from : now < from
}

/** Validity `until` is over at `now`: a day ends at 24:00, a stamp at that minute. */
export function hasEnded(until: string, now: LocalStamp): boolean {
  return until.length === 10 ? dayOf(now) > until : now >= until
}

/** "2026-03-01 至 2026-05-31"; a window inside one day prints the day once: "2026-03-05 08:00 至 16:00". */
export function formatValidity(from: string, until: string): string {
  if (from.length > 10 && until.length > 10 && dayOf(from) === dayOf(until)) return `${from} 至 ${until.slice(11)}`
  return `${from} 至 ${until}`
}

export const maxString = (a: string, b: string) => (a > b ? a : b)
export const minString = (a: string, b: string) => (a < b ? a : b)
