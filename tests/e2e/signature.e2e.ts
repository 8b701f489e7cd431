import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { callOk } from '../../electron/core/app'
import { siteAroundNow } from './dutySite'
import { openDesk, type Desk } from './harness'

let desk: Desk
beforeAll(async () => {
  desk = await openDesk()
  await siteAroundNow(desk, { drawnSignature: true })
})
afterAll(async () => desk?.close())

/** Draws a short stroke on a signature canvas with the mouse. */
async function draw(testId: string) {
  const box = (await desk.page.getByTestId(testId).boundingBox())!
  const m = desk.page.mouse
  await m.move(box.x + 20, box.y + 60)
  await m.down()
  for (const [dx, dy] of [[60, -30], [100, 20], [150, -25], [220, 30]]) await m.move(box.x + dx, box.y + 45 + dy, { steps: 5 })
  await m.up()
}

describe('B · a site that asks for drawn signatures at handover', () => {
  it('both clerks draw and enter their PIN; the signatures are sealed with the record', async () => {
    const { page, core } = desk
    // The shift and the ready handover through the API; the signing through the screen.
    const q1 = (await callOk(core, 'auth.login', { staffNo: 'Q1', pin: '1234' })).token
    await callOk(core, 'duty.start', {}, q1)
    let v = await callOk(core, 'handover.start', {}, q1)
    v = await callOk(core, 'handover.incoming', { id: v.id, staffNo: 'Q2', pin: '1234' }, q1)
    for (const c of v.checklist) v = await callOk(core, 'handover.check', { id: v.id, itemCode: c.code, ok: true }, q1)
    for (const c of v.counts)
      for (const side of ['outgoing', 'incoming'] as const) v = await callOk(core, 'handover.count', { id: v.id, itemCode: c.code, side, count: c.expected }, q1)
    await page.goto(desk.url)
    await desk.login('Q1')
    await page.getByRole('menuitem', { name: '交接班' }).click()
    await expect.poll(() => page.getByTestId('sign-outgoing').isVisible()).toBe(true)
    await page.getByLabel('交班人 李娜 PIN').fill('1234')
    await page.getByLabel('接班人 王芳 PIN').fill('1234')
    await page.getByTestId('sign-handover').click()
    await expect.poll(() => page.getByText('本项目要求手写签名:请交班人在签名框内签名').first().isVisible()).toBe(true)
    expect((await core.db.read.get<{ n: number }>("SELECT count(*) AS n FROM handovers WHERE status = 'signed'"))!.n).toBe(0)
    await draw('sign-outgoing')
    await draw('sign-incoming')
    await desk.shot('b09-drawn-signatures')
    await page.getByTestId('sign-handover').click()
    await expect.poll(() => page.getByTestId('me').textContent()).toContain('王芳')
    const rows = await core.db.read.all<{ side: string; data_url: string }>('SELECT side, data_url FROM handover_signatures ORDER BY side')
    expect(rows.map((r) => r.side)).toEqual(['incoming', 'outgoing'])
    for (const r of rows) expect(r.data_url.length).toBeGreaterThan(500) // a real stroke, not an empty canvas
  })
})
