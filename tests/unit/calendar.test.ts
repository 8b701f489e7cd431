import { describe, expect, it } from 'vitest'
import { DEFAULT_PERMIT_SETTINGS, renovationRule, type RenovationFields } from '../../shared/permit/index'
import {
  addDays,
  addMinutes,
  addMonths,
  addMonthsToMonth,
  datesOfMonth,
  dayOfWeek,
  daysInMonth,
  isDay,
  isStamp,
  minutesBetween,
  normalizeStamp,
  periodEnd,
  weekStart,
} from '../../shared/time/calendar'
import { localDate, localDateTime, localDayRange, localTime, zonedIso } from '../../shared/time/zone'
import { isoDate, optionalIsoDate } from '../../shared/validate/fields'
import { defaultRosterMonth } from '../../renderer/src/roster/rosterText'

// shared/time/calendar.ts is the one calendar of the app: the roster counts months with it, the
// permits count periods with it. These pin down month ends, leap years, and what each caller relied on
// before the two old modules (shared/duty/time.ts, shared/permit/time.ts) were merged.

describe('addMonths: the same day n months on, clamped to the month end', () => {
  it.each([
    ['2026-01-15', 1, '2026-02-15'],
    ['2026-01-31', 1, '2026-02-28'], // no 02-31: the last day of February
    ['2028-01-31', 1, '2028-02-29'], // leap year
    ['2026-03-31', -1, '2026-02-28'],
    ['2026-05-31', 1, '2026-06-30'],
    ['2026-08-31', 1, '2026-09-30'],
    ['2026-12-15', 1, '2027-01-15'], // over the year end
    ['2026-01-15', -1, '2025-12-15'],
    ['2026-01-31', -2, '2025-11-30'],
    ['2024-02-29', 12, '2025-02-28'], // a leap day a year on
    ['2024-02-29', 48, '2028-02-29'],
    ['2100-01-31', 1, '2100-02-28'], // 2100 is not a leap year
    ['2000-01-31', 1, '2000-02-29'], // 2000 is
    ['2026-03-10', 0, '2026-03-10'],
    ['2026-03-10', 24, '2028-03-10'],
  ])('%s %+d months → %s', (day, n, want) => expect(addMonths(day, n)).toBe(want))

  it('does not carry the clamp: one month twice is not two months', () => {
    expect(addMonths(addMonths('2026-01-31', 1), 1)).toBe('2026-03-28')
    expect(addMonths('2026-01-31', 2)).toBe('2026-03-31')
  })
})

describe('addMonthsToMonth: the roster’s previous and next month', () => {
  it.each([
    ['2026-12', 1, '2027-01'],
    ['2026-01', -1, '2025-12'],
    ['2026-01', -13, '2024-12'],
    ['2026-06', 0, '2026-06'],
    ['2026-11', 14, '2028-01'],
  ])('%s %+d → %s', (month, n, want) => expect(addMonthsToMonth(month, n)).toBe(want))

  it('answers what the duty area’s month arithmetic answered, for every month of 2020–2030 and ±30 months', () => {
    // shared/duty/time.ts's addMonths(month, n), kept here as the reference.
    const old = (month: string, n: number) => {
      const [y, m] = month.split('-').map(Number)
      const t = y * 12 + (m - 1) + n
      return `${Math.floor(t / 12)}-${String((t % 12) + 1).padStart(2, '0')}`
    }
    for (let y = 2020; y <= 2030; y++) {
      for (let m = 1; m <= 12; m++) {
        const month = `${y}-${String(m).padStart(2, '0')}`
        for (let n = -30; n <= 30; n++) expect(addMonthsToMonth(month, n), `${month} ${n}`).toBe(old(month, n))
      }
    }
  })

  it('opens the roster page on next month from the 20th, over the year end too', () => {
    expect(defaultRosterMonth('2026-12-19')).toBe('2026-12')
    expect(defaultRosterMonth('2026-12-20')).toBe('2027-01')
    expect(defaultRosterMonth('2026-01-31')).toBe('2026-02')
  })
})

describe('periodEnd: the renovation period, both ends included', () => {
  it.each([
    ['2026-03-01', 3, '2026-05-31'],
    ['2026-11-15', 3, '2027-02-14'],
    ['2026-03-02', 3, '2026-06-01'],
    ['2025-11-30', 3, '2026-02-27'], // 02-30 does not exist: the clamp gives 02-28, the day before is the last
    ['2027-11-30', 3, '2028-02-28'], // leap year: 02-29, the day before
    ['2026-01-31', 1, '2026-02-27'],
    ['2026-03-01', 24, '2028-02-29'],
  ])('%s + %d months ends on %s', (start, months, want) => expect(periodEnd(start, months)).toBe(want))

  it('is the renovation’s default end (the site’s 3 months) and its 24-month limit', () => {
    const ctx = { now: '2025-11-01 09:00', settings: DEFAULT_PERMIT_SETTINGS }
    expect(DEFAULT_PERMIT_SETTINGS.renovationMonths).toBe(3)
    const f = (startDate: string, endDate?: string) => ({ startDate, endDate }) as RenovationFields
    const r = renovationRule(f('2025-11-30'), ctx)
    expect(r.ok && r.value.validUntil).toBe('2026-02-27')
    expect(r.ok && r.value.fields.endDate).toBe('2026-02-27')
    expect(renovationRule(f('2025-11-30', periodEnd('2025-11-30', 24)), ctx).ok).toBe(true)
    expect(renovationRule(f('2025-11-30', addDays(periodEnd('2025-11-30', 24), 1)), ctx)).toMatchObject({ ok: false, field: 'endDate' })
  })
})

describe('days, weeks and stamps', () => {
  it('counts days over month, year and leap-day ends', () => {
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29')
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01')
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01')
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28')
    expect(addDays('2026-03-01', 365)).toBe('2027-03-01')
  })

  it('knows the length of each month', () => {
    expect([daysInMonth('2026-02'), daysInMonth('2028-02'), daysInMonth('2100-02'), daysInMonth('2000-02')]).toEqual([28, 29, 28, 29])
    expect([daysInMonth('2026-04'), daysInMonth('2026-12')]).toEqual([30, 31])
    const feb = datesOfMonth('2028-02')
    expect([feb.length, feb[0], feb.at(-1)]).toEqual([29, '2028-02-01', '2028-02-29'])
  })

  it('weeks start on Monday', () => {
    expect(dayOfWeek('2026-12-06')).toBe(0) // a Sunday
    expect(weekStart('2026-12-06')).toBe('2026-11-30')
    expect(weekStart('2026-11-30')).toBe('2026-11-30')
    expect(weekStart('2027-01-01')).toBe('2026-12-28')
  })

  it('adds minutes over midnight and month ends', () => {
    expect(addMinutes('2026-02-28 23:30', 45)).toBe('2026-03-01 00:15')
    expect(addMinutes('2028-02-28 23:30', 45)).toBe('2028-02-29 00:15')
    expect(minutesBetween('2026-12-31 22:00', '2027-01-01 02:30')).toBe(270)
  })

  it('reads only real days and times', () => {
    expect(['2028-02-29', '2026-02-28'].map(isDay)).toEqual([true, true])
    expect(['2026-02-29', '2026-02-30', '2026-04-31', '2026-13-01', '2026-3-1', ''].map(isDay)).toEqual([false, false, false, false, false, false])
    expect(['2026-03-01 23:59', '2026-03-01 24:00', '2026-03-01 12:60', '2026-02-30 08:00'].map(isStamp)).toEqual([true, false, false, false])
    expect(normalizeStamp('2026-03-01T08:05:09.123')).toBe('2026-03-01 08:05')
  })

  it('date fields refuse a day the calendar does not have (Date.parse rolls 02-30 over to 03-02)', () => {
    const day = isoDate('开工日期')
    expect(day.safeParse('2028-02-29').success).toBe(true)
    const bad = day.safeParse('2026-02-30')
    expect(bad.success).toBe(false)
    expect(bad.error?.issues[0].message).toBe('开工日期不是有效日期')
    expect(day.safeParse('2026-04-31').success).toBe(false)
    expect(optionalIsoDate('完工日期').safeParse('2026-02-29').success).toBe(false)
    expect(optionalIsoDate('完工日期').safeParse('').data).toBeUndefined()
  })
})

describe('the site’s wall clock (zone.ts)', () => {
  it('turns an instant into local text in the site’s zone', () => {
    const at = new Date('2026-03-01T16:30:00Z')
    expect(localDateTime(at, 'Asia/Shanghai')).toBe('2026-03-02 00:30')
    expect(localDateTime(at, 'Asia/Urumqi')).toBe('2026-03-01 22:30')
    expect([localDate(at, 'Asia/Shanghai'), localTime(at, 'Asia/Shanghai')]).toEqual(['2026-03-02', '00:30'])
  })

  it('turns a local day back into UTC bounds', () => {
    expect(zonedIso('2026-03-02', '00:30', 'Asia/Shanghai')).toBe('2026-03-01T16:30:00.000Z')
    expect(localDayRange('2026-02-28', '2026-02-28', 'Asia/Shanghai')).toEqual({ from: '2026-02-27T16:00:00.000Z', to: '2026-02-28T16:00:00.000Z' })
  })
})
