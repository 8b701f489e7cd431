import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { custodyClash } from '../../shared/duty/handoverRules'
import { callOk, type Core } from '../../electron/core/app'
import { sameData, until } from '../helpers/sync'
import { handOverAt, pairedDutySite, PIN, token } from '../helpers/syncDuty'

/**
 * Custody of the desk's items with two terminals: taken (by the first clerk on duty) and handed over
 * only at the terminal beside the items, so two terminals cut off from each other never both give it
 * out. The clash display (custodyClash) stays for a state that gets there anyway (tests/e2e/custodyClash).
 */
let A: Core
let B: Core
const override = { supervisorStaffNo: 'S1', supervisorPin: PIN, reason: '断网' }
const holders = async (t: Core) => {
  const cur = await callOk(t, 'duty.current', {}, await token(t, 'S1'))
  return custodyClash(cur.onDuty)?.map((s) => s.staffName).sort() ?? null
}

beforeAll(async () => {
  const site = await pairedDutySite('T-CU', [['Q1', '李娜', 'clerk'], ['Q3', '张伟', 'clerk'], ['Q4', '赵雪', 'clerk'], ['S1', '陈静', 'supervisor']])
  A = site.A
  B = site.B
}, 120_000)
afterAll(async () => {
  await B?.close()
  await A?.close()
})

describe('H · custody with two terminals', () => {
  it('online, the second clerk to start does not take custody (no clash)', async () => {
    expect(custodyClash([{ id: 'a', staffId: 'x', staffName: '甲', custody: true }, { id: 'b', staffId: 'y', staffName: '乙', custody: false }])).toBeNull()
  })

  it('cut off from each other, only the terminal beside the items gives custody out: no clash after the heal', async () => {
    expect((await callOk(A, 'duty.current', {}, await token(A, 'S1'))).custodyDesk).toEqual({ name: '终端T-CU-A', here: true })
    expect((await callOk(B, 'duty.current', {}, await token(B, 'S1'))).custodyDesk).toEqual({ name: '终端T-CU-A', here: false })
    await A.sync!.setEnabled(false)
    await B.sync!.setEnabled(false)
    const b = await callOk(B, 'duty.start', { override }, await token(B, 'Q3'))
    const a = await callOk(A, 'duty.start', { override }, await token(A, 'Q1'))
    expect([a.custody, b.custody]).toEqual([true, false])
    await A.sync!.setEnabled(true)
    await B.sync!.setEnabled(true)
    await until('healed', () => sameData(A, B), 30_000)
    expect(await holders(A)).toBeNull()
    // 李娜 (custody) logged in at B: her handover is refused there, naming where the items are.
    const refused = await B.call('handover.start', {}, await token(B, 'Q1'))
    expect(refused.ok).toBe(false)
    if (!refused.ok) expect(refused.error).toMatchObject({ code: 'RULE', field: 'custody', message: expect.stringContaining('前台物品在 终端T-CU-A') })
  }, 90_000)

  it('the items moved to B while A was cut off: custody is handed over at A and refused anew at B — still one holder after the heal', async () => {
    // 李娜 hands over to 张伟 at A (the desk): he holds custody now.
    await handOverAt(A, 'Q1', 'Q3', override)
    await until('synced', () => sameData(A, B), 30_000)
    expect((await callOk(A, 'duty.current', {}, await token(A, 'S1'))).onDuty.map((s) => [s.staffName, s.custody])).toEqual([['张伟', true]])
    // Cut off: the administrator moves the items to B (at B), and at A 李娜 starts again — A still thinks it is the desk.
    await A.sync!.setEnabled(false)
    await B.sync!.setEnabled(false)
    await callOk(B, 'sync.setCustodyDesk', { terminalId: 'T-CU-B' }, await token(B, 'admin', '246810'))
    // At A (cut off, still the desk as far as A knows) 张伟 hands over to 李娜: custody passes, it is not given out anew.
    await handOverAt(A, 'Q3', 'Q1', override)
    // …while at B (now the desk, seeing 张伟 still holding it) nobody else can take custody: B gives none either.
    expect((await callOk(B, 'duty.start', { override }, await token(B, 'Q4'))).custody).toBe(false)
    await A.sync!.setEnabled(true)
    await B.sync!.setEnabled(true)
    await until('healed', () => sameData(A, B), 30_000)
    // One holder (李娜): the desk moved, but custody was never given out twice.
    expect(await holders(A)).toBeNull()
    expect((await callOk(B, 'duty.current', {}, await token(B, 'S1'))).custodyDesk).toEqual({ name: '终端T-CU-B', here: true })
  }, 90_000)
})
