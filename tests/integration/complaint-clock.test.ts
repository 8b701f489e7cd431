import { afterEach, describe, expect, it } from 'vitest'
import { callOk } from '../../electron/core/app'
import { A_COMPLAINT, complaintDesk } from '../helpers/complaint'
import type { DutyDesk } from '../helpers/duty'

/**
 * A slip's deadline and the analysis months are the site's local time, whatever the PC's zone; an
 * overdue slip is still overdue after a restart (computed from stored instants, no timer in memory).
 */
let desk: DutyDesk
const pcZone = process.env.TZ
afterEach(async () => {
  process.env.TZ = pcZone
  await desk?.core.close()
})

describe('complaint times: site zone, restart', () => {
  it('a PC set to New York: the deadline typed is Shanghai time; the month is the site’s; overdue survives a restart', async () => {
    process.env.TZ = 'America/New_York'
    expect(new Date('2026-12-01T00:00:00Z').getTimezoneOffset()).toBe(300)
    const d = await complaintDesk()
    desk = d.desk
    // 07:30 in Shanghai on December 1st is still November 30th in UTC and in New York.
    desk.clock.set('2026-12-01 07:30')
    const c = await callOk(desk.core, 'complaint.create', { ...A_COMPLAINT }, d.q1)
    expect(c.receivedAt).toBe('2026-11-30T23:30:00.000Z')
    const s = await callOk(desk.core, 'complaint.issueSlip', { complaintId: c.id, department: '工程部', request: '请检查', deadline: '2026-12-01 08:00' }, d.q1)
    expect(s.slips[0].deadlineAt).toBe('2026-12-01T00:00:00.000Z')
    const a = await callOk(desk.core, 'complaint.analysis', { from: '2026-12-01', to: '2026-12-01' }, d.q1)
    expect(a.byMonth).toEqual([{ label: '2026-12', count: 1, valid: 0 }])
    expect((await callOk(desk.core, 'complaint.list', { from: '2026-11-30', to: '2026-11-30' }, d.q1)).length).toBe(0)

    desk.clock.set('2026-12-01 08:45')
    await desk.reopen()
    const q1 = await desk.token('Q1')
    const open = await callOk(desk.core, 'complaint.open', {}, q1)
    expect(open.map((x) => [x.serial, x.overdueMinutes])).toEqual([['TS-2026-0001', 45]])
  })
})
