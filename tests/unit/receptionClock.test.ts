import { describe, expect, it } from 'vitest'
import { addMinutesIso, clockAt, spanLabel } from '../../shared/reception/clock'

const start = '2026-12-01T01:00:00.000Z'
const due = addMinutesIso(start, 3)

describe('reception clocks from stored instants', () => {
  it('runs, goes late, and once stopped is met or breached by how much', () => {
    expect(clockAt({ startedAt: start, dueAt: due, stoppedAt: null }, new Date('2026-12-01T01:01:00Z'))).toEqual({ state: 'running', leftMs: 120_000, overMs: 0 })
    expect(clockAt({ startedAt: start, dueAt: due, stoppedAt: null }, new Date('2026-12-01T01:04:30Z'))).toEqual({ state: 'late', leftMs: -90_000, overMs: 90_000 })
    expect(clockAt({ startedAt: start, dueAt: due, stoppedAt: '2026-12-01T01:02:59Z' }, new Date('2026-12-02T00:00:00Z')).state).toBe('met')
    expect(clockAt({ startedAt: start, dueAt: due, stoppedAt: '2026-12-01T01:03:00.000Z' }, new Date()).state).toBe('met')
    expect(clockAt({ startedAt: start, dueAt: due, stoppedAt: '2026-12-01T01:05:00Z' }, new Date())).toEqual({ state: 'breached', leftMs: -120_000, overMs: 120_000 })
  })
  it('labels spans in Chinese', () => {
    expect(spanLabel(125_000)).toBe('2分05秒')
    expect(spanLabel(-3_780_000)).toBe('1小时03分')
    expect(spanLabel(2 * 86_400_000 + 3 * 3_600_000)).toBe('2天3小时')
  })
})
