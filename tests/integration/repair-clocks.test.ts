import { afterEach, describe, expect, it } from 'vitest'
import { callOk } from '../../electron/core/app'
import type { DutyDesk } from '../helpers/duty'
import { repairDesk } from '../helpers/repair'

/**
 * Repair clocks are computed from stored instants and the site's time zone: they are the same after
 * the core is closed and opened again, and whatever zone the PC's clock (the process's TZ) is in.
 */
let desk: DutyDesk
const pcZone = process.env.TZ
afterEach(async () => {
  process.env.TZ = pcZone
  await desk?.core.close()
})

describe('repair clocks', () => {
  it('survive a restart of the core: the running and late clocks read the same from the stored times', async () => {
    const s = await repairDesk()
    desk = s.desk
    const o = await callOk(desk.core, 'repair.create', { unitId: s.unitId, residentId: s.ownerId, category: '电', content: '整户停电', urgent: true }, s.q1)
    desk.clock.add(2)
    await callOk(desk.core, 'repair.forward', { id: o.id, receiver: '张师傅' }, s.q1)
    desk.clock.add(16)
    const before = await callOk(desk.core, 'repair.open', {}, s.q1)
    await desk.reopen()
    // No timers survive a restart; nothing in memory is needed to read the clocks again.
    const q1 = await desk.token('Q1')
    const after = await callOk(desk.core, 'repair.open', {}, q1)
    expect(after).toEqual(before)
    expect(after.rows[0].clocks.map((c) => [c.clock, c.state, c.overMs])).toEqual([
      ['forward', 'met', 0],
      ['onSite', 'late', 3 * 60_000],
      ['done', 'running', 0],
    ])
    // Stopped after the restart, the breach is measured from the stored due time.
    desk.clock.add(2)
    const arrived = await callOk(desk.core, 'repair.arrive', { id: o.id, who: '张师傅' }, q1)
    expect(arrived.breaches.map((b) => [b.clock, b.overMs])).toEqual([['onSite', 5 * 60_000]])
  })

  it("follow the site's time zone, not the PC's: same-day call-back, the appointment and the day's register", async () => {
    // The PC is set to Los Angeles (16 hours behind Shanghai); the site is in Shanghai.
    process.env.TZ = 'America/Los_Angeles'
    expect(new Date(Date.UTC(2026, 11, 31, 16, 30)).getDate()).toBe(31)
    const s = await repairDesk('2026-12-01 10:00')
    desk = s.desk
    const o = await callOk(desk.core, 'repair.create', { unitId: s.unitId, residentId: s.ownerId, category: '水', content: '马桶堵塞', appointmentAt: '2026-12-01 18:30' }, s.q1)
    // 18:30 in Shanghai, whatever the PC's zone.
    expect(o.appointmentAt).toBe('2026-12-01T10:30:00.000Z')
    await callOk(desk.core, 'repair.forward', { id: o.id, receiver: '张师傅' }, s.q1)
    desk.clock.set('2026-12-01 23:30')
    const q1 = await desk.token('Q1')
    const done = await callOk(desk.core, 'repair.complete', { id: o.id, who: '张师傅', result: '已疏通' }, q1)
    // Same day in Shanghai: due at Shanghai's midnight (16:00 UTC), half an hour away, not LA's midnight.
    expect(done.clocks.find((c) => c.clock === 'callback')).toMatchObject({ dueAt: '2026-12-01T16:00:00.000Z', state: 'running', leftMs: 30 * 60_000 })
    // Received at 10:00 Shanghai = 18:00 on November 30th in LA: the register puts it on Shanghai's December 1st.
    expect((await callOk(desk.core, 'repair.day', { date: '2026-12-01' }, q1)).rows.map((r) => r.serial)).toEqual([o.serial])
    expect((await callOk(desk.core, 'repair.day', { date: '2026-11-30' }, q1)).rows).toEqual([])
    desk.clock.set('2026-12-02 00:10')
    const late = await callOk(desk.core, 'repair.get', { id: o.id }, q1)
    expect(late.clocks.find((c) => c.clock === 'callback')).toMatchObject({ state: 'late', overMs: 10 * 60_000 })
  })
})
