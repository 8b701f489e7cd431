import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { callOk } from '../../electron/core/app'
import { pdfText, pdfToPng } from '../helpers/pdf'
import { siteAroundNow } from './dutySite'
import { openDesk, SHOTS, type Desk, pollWithin, focusedLabel } from './harness'
import { readerBurst } from './reader'

/**
 * 入住手续 at the desk, through the real UI in host mode: the clerk on duty starts the checklist for
 * 3栋2单元1502 by keyboard (room typed, owner from the registry, counts, documents, Enter), a card put
 * on the USB reader (a burst + Enter) is issued at once through the card register, the owner draws a
 * signature and signs, and the 入住交接单 comes out — read back and rendered to PNG.
 */
let desk: Desk
const poll = pollWithin(8000)

beforeAll(async () => {
  desk = await openDesk()
  await siteAroundNow(desk)
  const admin = (await callOk(desk.core, 'auth.login', { staffNo: 'admin', pin: '246810' })).token
  const kind = await callOk(desk.core, 'card.kindSave', { name: '门禁卡', depositFen: 5000, feeFen: 1000, replaceFeeFen: 2000 }, admin)
  const q1 = (await callOk(desk.core, 'auth.login', { staffNo: 'Q1', pin: '1234' })).token
  await callOk(desk.core, 'duty.start', {}, q1)
  await callOk(desk.core, 'card.stockMove', { kindId: kind.id, move: 'received', count: 5 }, q1)
  desk.page.on('pageerror', (e) => console.error('page error:', e.message))
  await desk.page.goto(desk.url)
}, 60_000)
afterAll(async () => desk?.close())

const focused = () => focusedLabel(desk.page)

describe('入住手续 (move-in)', () => {
  it('a checklist with one card issued by a wedge burst, signed by the owner and printed', async () => {
    const { page } = desk
    await desk.login('Q1')
    await page.getByRole('menuitem', { name: '入住手续' }).click()
    const start = page.getByTestId('move-in-start')
    await start.getByLabel('房屋', { exact: true }).focus()
    await page.keyboard.type('3-2-1502')
    await poll(() => page.locator('.ant-select-dropdown:visible .ant-select-item-option').allTextContents()).toEqual(expect.arrayContaining([expect.stringMatching(/3栋2单元1502/)]))
    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('Enter')
    // Tab → 新业主: the unit's one registered owner is taken at once.
    await page.keyboard.press('Tab')
    await poll(focused).toBe('新业主')
    await poll(() => start.locator('.ant-form-item', { hasText: '新业主' }).textContent()).toContain('张伟')
    // Tab → the counts in order; 入户门钥匙 becomes 2.
    await page.keyboard.press('Tab')
    await poll(focused).toBe('入户门钥匙')
    await page.keyboard.press('Control+A')
    await page.keyboard.type('2')
    await start.getByLabel('业主手册').check()
    await start.getByLabel('装修管理规定').check()
    await start.getByLabel('备注').fill('水表读数 0123')
    await desk.shot('moveIn-start')
    await page.keyboard.press('Enter')
    const detail = page.getByTestId('move-in-detail')
    await poll(() => detail.isVisible()).toBe(true)
    const m = (await desk.core.db.read.get<{ id: string; serial: string; door_keys: number }>('SELECT id, serial, door_keys FROM move_ins'))!
    expect(m).toMatchObject({ serial: expect.stringMatching(/^RZ-\d{4}-0001$/), door_keys: 2 })

    // The card: one kind on the site, so it is chosen; the number field waits for the reader.
    const no = detail.getByLabel('卡号', { exact: true })
    await poll(() => no.evaluate((e) => e === document.activeElement)).toBe(true)
    await readerBurst(page, '00C0FFEE')
    await poll(() => detail.getByTestId('move-in-card-00C0FFEE').isVisible()).toBe(true)
    const card = (await desk.core.db.read.get<{ entry: string; holder_name: string }>("SELECT entry, holder_name FROM cards WHERE card_no = '00C0FFEE'"))!
    expect(card).toEqual({ entry: 'reader', holder_name: '张伟' })
    // The same number again: the card register's own refusal, at the card number.
    await no.focus()
    await readerBurst(page, '00C0FFEE')
    await poll(() => detail.locator('.ant-form-item-explain-error').allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining('卡号 00C0FFEE 曾被使用')]))

    // The owner draws a signature and signs; the 入住交接单 comes out.
    const pad = detail.getByTestId('move-in-signature')
    await pad.scrollIntoViewIfNeeded()
    const box = (await pad.boundingBox())!
    await page.mouse.move(box.x + 20, box.y + 60)
    await page.mouse.down()
    for (const [dx, dy] of [[50, 20], [90, 65], [140, 25], [190, 60], [230, 30]]) await page.mouse.move(box.x + dx, box.y + dy, { steps: 5 })
    await page.mouse.up()
    await desk.shot('moveIn-detail')
    const [dl] = await Promise.all([page.waitForEvent('download'), detail.getByTestId('move-in-sign').click()])
    const pdf = path.join(SHOTS, 'moveIn-handover-e2e.pdf')
    await dl.saveAs(pdf)
    pdfToPng(pdf, path.join(SHOTS, 'moveIn-handover-e2e'), 70)
    const text = (await pdfText(await import('node:fs').then((fs) => fs.readFileSync(pdf))))[0]
    for (const w of ['入住交接单', m.serial, '3栋2单元1502', '张伟', '2 把', '00C0FFEE', '业主手册', '✓ 已交', '业主签字:张伟', '签字时间']) expect(text).toContain(w)
    const signed = (await desk.core.db.read.get<{ drawn: string | null }>('SELECT drawn FROM move_in_signatures WHERE move_in_id = ?', [m.id]))!
    expect(signed.drawn).toMatch(/^data:image\/png;base64,/)
    // The list shows it signed; the duty log's entry is closed.
    const row = page.getByTestId('move-in-list').locator('.ant-table-row', { hasText: m.serial })
    await poll(() => row.textContent()).toContain('业主已签字')
    const entry = (await desk.core.db.read.get<{ n: number }>("SELECT COUNT(*) AS n FROM log_follow_ups f JOIN log_entries e ON e.id = f.entry_id WHERE e.source_kind = 'moveIn' AND f.kind = 'close'"))!
    expect(entry.n).toBe(1)
    await desk.shot('moveIn-list')
  })
})
