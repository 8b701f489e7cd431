import { describe, expect, it } from 'vitest'
import { callBackDueAt, calledBackInTime, followUpDueAt, homeServiceClocks, homeServiceStatus } from '../../shared/homeService/rules'

const booked = '2026-12-01T01:10:00.000Z' // 09:10 in Shanghai
const none = { calledBackAt: null, doneAt: null, followedUpAt: null, cancelledAt: null }

describe('home-service clocks (pure)', () => {
  it('the call-back is due 2 hours after booking; exactly 2 hours is in time, one second more is not', () => {
    expect(callBackDueAt(booked)).toBe('2026-12-01T03:10:00.000Z')
    expect(calledBackInTime(booked, '2026-12-01T03:10:00.000Z')).toBe(true)
    expect(calledBackInTime(booked, '2026-12-01T03:10:01.000Z')).toBe(false)
    expect(calledBackInTime(booked, null)).toBe(false)
  })

  it('the follow-up is due at the end of the site’s local day of the finish, whatever the PC’s zone', () => {
    // 23:10 in Shanghai is still Dec 1 there: due at Shanghai midnight (16:00 UTC), not New York's.
    expect(followUpDueAt('2026-12-01T15:10:00.000Z', 'Asia/Shanghai')).toBe('2026-12-01T16:00:00.000Z')
    // 00:30 Shanghai on Dec 2: due at the end of Dec 2.
    expect(followUpDueAt('2026-12-01T16:30:00.000Z', 'Asia/Shanghai')).toBe('2026-12-02T16:00:00.000Z')
    expect(followUpDueAt('2026-12-01T15:10:00.000Z', 'Asia/Urumqi')).toBe('2026-12-01T18:00:00.000Z')
  })

  it('status and clocks from the facts; a cancellation stops the call-back clock without a breach', () => {
    expect(homeServiceStatus({ bookedAt: booked, ...none })).toBe('booked')
    expect(homeServiceStatus({ bookedAt: booked, ...none, calledBackAt: booked, doneAt: booked })).toBe('done')
    expect(homeServiceStatus({ bookedAt: booked, ...none, calledBackAt: booked, cancelledAt: booked })).toBe('cancelled')
    const late = homeServiceClocks({ bookedAt: booked, ...none }, 'Asia/Shanghai', new Date('2026-12-01T03:40:00.000Z'))
    expect(late.callBack.view).toMatchObject({ state: 'late', overMs: 30 * 60_000 })
    expect(late.followUp).toBeNull()
    const cancelled = homeServiceClocks({ bookedAt: booked, ...none, cancelledAt: '2026-12-01T02:00:00.000Z' }, 'Asia/Shanghai', new Date('2026-12-01T05:00:00.000Z'))
    expect(cancelled.callBack.view.state).toBe('met')
  })
})
