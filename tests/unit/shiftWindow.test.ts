import { describe, expect, it } from 'vitest'
import { DEFAULT_SHIFTS } from '../../shared/site/schema'
import { runningOrNextWindow } from '../../shared/duty/shiftWindow'

const TZ = 'Asia/Shanghai'
/** A Beijing wall-clock time as an instant. */
const at = (local: string) => new Date(`${local}+08:00`)
const pick = (local: string, patterns = DEFAULT_SHIFTS) => {
  const w = runningOrNextWindow(patterns, at(local), TZ)
  return w && `${w.date} ${w.name}`
}

describe('the shift an authorised duty belongs to (早班 07:30–15:30, 中班 09:30–17:30, 晚班 12:00–20:00)', () => {
  it('while shifts run: the one that started last', () => {
    expect(pick('2026-12-02T08:00:00')).toBe('2026-12-02 早班')
    expect(pick('2026-12-02T13:00:00')).toBe('2026-12-02 晚班')
    expect(pick('2026-12-02T19:59:00')).toBe('2026-12-02 晚班')
  })
  it('after the last shift ended: the next to start (tomorrow’s 早班), never one that has ended', () => {
    expect(pick('2026-12-02T20:00:00')).toBe('2026-12-03 早班')
    expect(pick('2026-12-02T20:40:00')).toBe('2026-12-03 早班')
    expect(pick('2026-12-03T07:00:00')).toBe('2026-12-03 早班')
  })
  it('one pattern asked for: running, else its next window', () => {
    const late = DEFAULT_SHIFTS.filter((p) => p.code === 'late')
    expect(pick('2026-12-02T20:40:00', late)).toBe('2026-12-03 晚班')
    expect(pick('2026-12-03T10:00:00', late)).toBe('2026-12-03 晚班')
  })
  it('a night shift crossing midnight belongs to the day it started', () => {
    const night = [{ code: 'night', name: '夜班', start: '20:00', end: '08:00' }]
    expect(pick('2026-12-03T02:10:00', night)).toBe('2026-12-02 夜班')
  })
  it('no patterns: none', () => {
    expect(runningOrNextWindow([], at('2026-12-02T10:00:00'), TZ)).toBeNull()
  })
})
