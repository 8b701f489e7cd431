import { describe, expect, it } from 'vitest'
import { callbackDueAt, clockText, repairClocks, type RepairTimes } from '../../shared/repair/clocks'

const base: RepairTimes = {
  receivedAt: '2026-12-01T01:00:00.000Z',
  forwardDueAt: '2026-12-01T01:03:00.000Z',
  onSiteDueAt: null,
  doneDueAt: null,
  forwardedAt: null,
  arrivedAt: null,
  completedAt: null,
  callbackDueAt: null,
  closedAt: null,
}

describe('repair clocks', () => {
  it('call-back due: the end of the site day, or N hours after completion', () => {
    expect(callbackDueAt('2026-12-01T15:30:00.000Z', { callbackSameDay: true, callbackHours: 24 }, 'Asia/Shanghai')).toBe('2026-12-01T16:00:00.000Z')
    // 00:30 on the 2nd in Shanghai: the same day ends on the 2nd.
    expect(callbackDueAt('2026-12-01T16:30:00.000Z', { callbackSameDay: true, callbackHours: 24 }, 'Asia/Shanghai')).toBe('2026-12-02T16:00:00.000Z')
    expect(callbackDueAt('2026-12-01T15:30:00.000Z', { callbackSameDay: false, callbackHours: 2 }, 'Asia/Shanghai')).toBe('2026-12-01T17:30:00.000Z')
  })

  it('only started clocks show; the call-back clock starts at completion', () => {
    const now = new Date('2026-12-01T01:02:00.000Z')
    expect(repairClocks(base, now).map((c) => [c.clock, c.state, c.leftMs])).toEqual([['forward', 'running', 60_000]])
    const urgent = { ...base, onSiteDueAt: '2026-12-01T01:15:00.000Z', doneDueAt: '2026-12-01T09:00:00.000Z' }
    expect(repairClocks(urgent, now).map((c) => c.clock)).toEqual(['forward', 'onSite', 'done'])
    const done = { ...base, forwardedAt: '2026-12-01T01:04:00.000Z', completedAt: '2026-12-01T02:00:00.000Z', callbackDueAt: '2026-12-01T16:00:00.000Z' }
    const clocks = repairClocks(done, new Date('2026-12-01T17:00:00.000Z'))
    expect(clocks.map((c) => [c.clock, c.state, c.overMs])).toEqual([
      ['forward', 'breached', 60_000],
      ['callback', 'late', 3_600_000],
    ])
    expect(clocks.map(clockText)).toEqual(['转单 超时1分00秒', '回访 超时1小时00分'])
  })
})
