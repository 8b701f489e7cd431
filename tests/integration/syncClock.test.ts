import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { callOk, type Core } from '../../electron/core/app'
import { setUpSite, tempDir } from '../helpers/core'
import { pair, sameData, terminal, until } from '../helpers/sync'

/** A terminal whose PC clock is 12 minutes fast: both are told so, and its records are still taken. */
let A: Core
let B: Core
beforeAll(async () => {
  A = await terminal('T-CK-A', tempDir('desk-clock-'))
  B = await terminal('T-CK-B', tempDir('desk-clock-'), () => new Date(Date.now() + 12 * 60_000))
  await setUpSite(A)
  await pair(A, B)
}, 90_000)
afterAll(async () => {
  await B?.close()
  await A?.close()
})

describe('H · clocks that differ', () => {
  it('both terminals warn by name and minutes; the fast one’s records are accepted', async () => {
    const adminB = (await callOk(B, 'auth.login', { staffNo: 'admin', pin: '246810' }, null)).token
    const b = await callOk(B, 'building.create', { code: '12' }, adminB)
    await until('A has it', async () => !!(await A.db.read.get('SELECT 1 AS x FROM buildings WHERE id = ?', [b.id])), 30_000)
    await until('both measured', async () => !!(await A.sync!.status()).summary.clockWarning && !!(await B.sync!.status()).summary.clockWarning, 30_000)
    expect((await A.sync!.status()).summary.clockWarning).toBe('本机时钟与 终端T-CK-B 相差 12 分钟,请校准电脑时间')
    expect((await B.sync!.status()).summary.clockWarning).toMatch(/^本机时钟与 .+ 相差 12 分钟,请校准电脑时间$/)
    const peer = (await A.sync!.status()).peers[0]
    expect(Math.round(peer.clockOffsetMs! / 60_000)).toBe(12)
    await until('converged', () => sameData(A, B), 30_000)
  }, 60_000)
})
