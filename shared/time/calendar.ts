/**
 * Calendar arithmetic on the site's local wall-clock time, as text. The one place for it: the duty
 * roster, the permits and the prints all count days and months here. No time zone is involved
 * (zone.ts turns instants into local text); the sites' zones have no daylight saving.
 *
 * - a **day** `YYYY-MM-DD` (a roster date, a permit valid by the day: `until` includes that whole day);
 * - a **month** `YYYY-MM` (a roster);
 * - a **stamp** `YYYY-MM-DD HH:mm` (a permit valid by the hour, the time of a review or a print).
 *
 * All three sort as text, so comparisons need no Date.
 */

/** `YYYY-MM-DD` */
export type LocalDay = string
/** `YYYY-MM` */
export type LocalMonth = string
/** `YYYY-MM-DD HH:mm` */
export type LocalStamp = string

const DAY_RE = /^\d{4}-\d{2}-\d{2}$/
const STAMP_RE = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/

const pad = (n: number, w = 2) => String(n).padStart(w, '0')

/** A naive UTC Date holding the wall-clock value (arithmetic only; never shown as an instant). */
function asUtc(s: string): Date {
  const [y, m, d] = [Number(s.slice(0, 4)), Number(s.slice(5, 7)), Number(s.slice(8, 10))]
  const [hh, mm] = s.length > 10 ? [Number(s.slice(11, 13)), Number(s.slice(14, 16))] : [0, 0]
  return new Date(Date.UTC(y, m - 1, d, hh, mm))
}

function fromUtc(t: Date, withTime: boolean): string {
  const day = `${pad(t.getUTCFullYear(), 4)}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`
  return withTime ? `${day} ${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}` : day
}

function validDate(y: number, m: number, d: number): boolean {
  const t = new Date(Date.UTC(y, m - 1, d))
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d
}

// ───────────────────────────── reading ─────────────────────────────

/** A real calendar day (2026-02-30 is not). */
export function isDay(s: string): boolean {
  return DAY_RE.test(s) && validDate(Number(s.slice(0, 4)), Number(s.slice(5, 7)), Number(s.slice(8, 10)))
}

export function isStamp(s: string): boolean {
  if (!STAMP_RE.test(s) || !isDay(s.slice(0, 10))) return false
  return Number(s.slice(11, 13)) <= 23 && Number(s.slice(14, 16)) <= 59
}

/** Accepts `YYYY-MM-DDTHH:mm[:ss…]` too (date pickers, ISO without zone) and cuts it to a stamp. */
export function normalizeStamp(raw: string): string {
  const s = raw.trim().replace('T', ' ')
  return /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(s) ? s.slice(0, 16) : s
}

/** The day part of a day or a stamp. */
export const dayOf = (s: string): LocalDay => s.slice(0, 10)

/** The month of a day or a stamp. */
export const monthOfDate = (s: string): LocalMonth => s.slice(0, 7)

export const maxString = (a: string, b: string) => (a > b ? a : b)

// ───────────────────────────── days and months ─────────────────────────────

export function addDays(day: LocalDay, n: number): LocalDay {
  const t = asUtc(day)
  t.setUTCDate(t.getUTCDate() + n)
  return fromUtc(t, false)
}

/**
 * The same day of the month `n` months later (or earlier, n < 0). A day the target month lacks
 * becomes that month's last day: 01-31 + 1 month → 02-28 (02-29 in a leap year); 03-31 − 1 → 02-28;
 * 05-31 + 1 → 06-30. The clamp is not carried on: 01-31 + 1 + 1 is 03-28, while 01-31 + 2 is 03-31.
 */
export function addMonths(day: LocalDay, n: number): LocalDay {
  const y = Number(day.slice(0, 4))
  const m = Number(day.slice(5, 7)) - 1 + n
  const d = Number(day.slice(8, 10))
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate()
  return fromUtc(new Date(Date.UTC(y, m, Math.min(d, last))), false)
}

/** A month `n` months later or earlier: 2026-12 + 1 → 2027-01 (addMonths on the month's first day). */
export function addMonthsToMonth(month: LocalMonth, n: number): LocalMonth {
  return monthOfDate(addMonths(`${month}-01`, n))
}

export function daysInMonth(month: LocalMonth): number {
  return Number(addDays(addMonths(`${month}-01`, 1), -1).slice(8, 10))
}

/** Days from `from` to `to`, both included: 2026-11-01 … 2026-11-30 → 30. */
export function dayCount(from: LocalDay, to: LocalDay): number {
  return Math.round((asUtc(to).getTime() - asUtc(from).getTime()) / 86_400_000) + 1
}

/** Every day of the month, in order. */
export function datesOfMonth(month: LocalMonth): LocalDay[] {
  return Array.from({ length: daysInMonth(month) }, (_, i) => `${month}-${pad(i + 1)}`)
}

/** 0 = Sunday … 6 = Saturday. */
export const dayOfWeek = (day: LocalDay): number => asUtc(day).getUTCDay()

/** Monday of the week containing `day` (weeks run Monday to Sunday, as on a Chinese calendar). */
export function weekStart(day: LocalDay): LocalDay {
  return addDays(day, -((dayOfWeek(day) + 6) % 7))
}

/**
 * Last day of a period of `months` starting on `start`, both days included: the day before the same
 * day `months` later. 2026-03-01 + 3 months → 2026-05-31; 2026-11-15 + 3 → 2027-02-14. A start late in
 * the month follows addMonths' clamp: 2025-11-30 + 3 → 2026-02-28 − 1 day → 2026-02-27.
 */
export function periodEnd(start: LocalDay, months: number): LocalDay {
  return addDays(addMonths(start, months), -1)
}

// ───────────────────────────── stamps ─────────────────────────────

export function addMinutes(stamp: LocalStamp, n: number): LocalStamp {
  return fromUtc(new Date(asUtc(stamp).getTime() + n * 60_000), true)
}

export function minutesBetween(from: LocalStamp, to: LocalStamp): number {
  return Math.round((asUtc(to).getTime() - asUtc(from).getTime()) / 60_000)
}
