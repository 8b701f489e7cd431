import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { callOk } from '../../electron/core/app'
import { siteAroundNow } from './dutySite'
import { openDesk, type Desk } from './harness'

/**
 * The 值班台 after two cut-off terminals each gave custody to their first clerk (the state a merge
 * leaves, tests/integration/syncCustody.test.ts): the clash is shown to the clerk, by name, with what
 * to do; a handover between the two ends it.
 */
let desk: Desk
beforeAll(async () => {
  desk = await openDesk()
  await siteAroundNow(desk)
  const token = async (staffNo: string) => (await callOk(desk.core, 'auth.login', { staffNo, pin: '1234' })).token
  await callOk(desk.core, 'duty.start', {}, await token('Q1'))
  const q2 = await callOk(desk.core, 'duty.start', { override: { supervisorStaffNo: 'S1', supervisorPin: '1234', reason: '后台终端' } }, await token('Q2'))
  // What the other terminal decided while cut off: 王芳 took custody there too.
  await desk.core.db.tx((w) => w.run('UPDATE duty_shifts SET custody = 1 WHERE id = ?', [q2.id]))
}, 90_000)
afterAll(async () => desk?.close())

describe('H · two custodians after a partition, on the screen', () => {
  it('值班台 names both holders and says what to do', async () => {
    await desk.page.goto(desk.url)
    await desk.login('Q1')
    const clash = desk.page.getByTestId('custody-clash')
    await expect.poll(() => clash.textContent()).toContain('前台物品同时由 李娜、王芳 保管')
    expect(await clash.textContent()).toContain('由其中一人交班给另一人')
    await desk.shot('duty-custody-clash')
  })
})
