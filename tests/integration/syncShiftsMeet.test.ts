import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { doubleShifts } from '../../shared/duty/handoverRules'
import { callOk, type Core } from '../../electron/core/app'
import { sameData, until } from '../helpers/sync'
import { handOverAt, pairedDutySite, PIN, token } from '../helpers/syncDuty'

/**
 * A clerk on duty at A walks to B while the network is down and starts duty there too (B cannot see
 * her shift). When the terminals meet, both shifts and everything logged under each are kept on both
 * — nothing is refused — the desks say so, and she hands them over one after the other.
 */
let A: Core
let B: Core
const override = { supervisorStaffNo: 'S1', supervisorPin: PIN, reason: '断网' }

beforeAll(async () => {
  const site = await pairedDutySite('T-SM', [['Q1', '李娜', 'clerk'], ['Q2', '王芳', 'clerk'], ['S1', '陈静', 'supervisor']])
  A = site.A
  B = site.B
}, 120_000)
afterAll(async () => {
  await B?.close()
  await A?.close()
})

const handOverTo = (t: Core, from: string, to: string) => handOverAt(t, from, to, override)

describe('H · one clerk, two cut-off terminals', () => {
  it('both shifts and their entries are kept on both terminals; the desks say so; two handovers close them', async () => {
    await A.sync!.setEnabled(false)
    await B.sync!.setEnabled(false)
    const qa = await token(A, 'Q1')
    await callOk(A, 'duty.start', { override }, qa)
    await callOk(A, 'log.add', { kind: 'call', content: '在一号前台:业主来电询问停水', status: 'done' }, qa)
    const qb = await token(B, 'Q1')
    await callOk(B, 'duty.start', { override }, qb)
    await callOk(B, 'log.add', { kind: 'call', content: '在二号前台:快递柜故障报修', status: 'done' }, qb)
    await A.sync!.setEnabled(true)
    await B.sync!.setEnabled(true)
    await until('healed', () => sameData(A, B), 30_000)
    for (const t of [A, B]) {
      expect(await t.db.read.get<{ n: number }>("SELECT COUNT(*) AS n FROM duty_shifts WHERE status = 'open'")).toEqual({ n: 2 })
      expect(await t.db.read.get<{ n: number }>("SELECT COUNT(*) AS n FROM log_entries WHERE content LIKE '在%前台:%'")).toEqual({ n: 2 })
      expect(await t.db.read.get<{ n: number }>('SELECT COUNT(*) AS n FROM sync_changes WHERE note IS NOT NULL')).toEqual({ n: 0 })
      expect(doubleShifts((await callOk(t, 'duty.current', {}, await token(t, 'S1'))).onDuty)).toEqual(['李娜'])
    }
    // She hands over at A twice: the older shift (with custody) first, then the other.
    await handOverTo(A, 'Q1', 'Q2')
    expect(doubleShifts((await callOk(A, 'duty.current', {}, await token(A, 'S1'))).onDuty)).toEqual([])
    await handOverTo(A, 'Q1', 'Q2')
    await until('synced', () => sameData(A, B), 30_000)
    for (const t of [A, B]) {
      const on = (await callOk(t, 'duty.current', {}, await token(t, 'S1'))).onDuty
      expect(on.map((s) => [s.staffName, s.custody])).toEqual([['王芳', true]])
    }
  }, 120_000)
})
