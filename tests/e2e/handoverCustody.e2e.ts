import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { callOk } from '../../electron/core/app'
import { pdfText, pdfToPng } from '../helpers/pdf'
import { siteAroundNow } from './dutySite'
import { openDesk, SHOTS, type Desk, pollWithin } from './harness'

/**
 * Issue F at handover: the custody lines come from the key register and the card stock (marked
 * 来自登记记录 with their expected figure); one of them differs (red, explained); a key overdue at
 * the handover is acknowledged by the incoming clerk from the keyboard; both sign; the printed
 * record lists the computed lines and the acknowledged key.
 */

let desk: Desk
/** The core's clock: real time plus an offset the test moves forward. */
let offset = 0
const poll = pollWithin(8000)
let admin: string
const token = async (staffNo: string) => (await callOk(desk.core, 'auth.login', { staffNo, pin: staffNo === 'admin' ? '246810' : '1234' })).token

beforeAll(async () => {
  desk = await openDesk({ now: () => new Date(Date.now() + offset) })
  await siteAroundNow(desk)
  admin = await token('admin')
  await callOk(desk.core, 'key.create', { name: '3栋天台门钥匙', opens: '天台', area: '3栋', hook: 'A-01', copies: 1, mayLeaveSite: false, defaultLoanHours: 2 }, admin)
  await callOk(desk.core, 'key.create', { name: '水泵房钥匙', opens: '水泵房', area: '地下一层', hook: 'A-02', copies: 2, mayLeaveSite: false, defaultLoanHours: 4 }, admin)
  const kind = await callOk(desk.core, 'card.kindSave', { name: '门禁卡', depositFen: 5000, feeFen: 1000, replaceFeeFen: 2000 }, admin)
  const q1 = await token('Q1')
  await callOk(desk.core, 'duty.start', {}, q1)
  await callOk(desk.core, 'card.stockMove', { kindId: kind.id, move: 'received', count: 10 }, q1)
  const owner = (await desk.core.db.read.get<{ id: string; unit_id: string }>("SELECT id, unit_id FROM residents WHERE name = '张伟'"))!
  await callOk(desk.core, 'card.issue', { unitId: owner.unit_id, holderResidentId: owner.id, kindId: kind.id, cardNo: '00A1B2C3', entry: 'reader' }, q1)
  // 001 due back in 2 hours (will be overdue), 002 in 4 hours (still out, not overdue).
  const contractor = { borrowerKind: 'outsider' as const, company: '蓝天电梯维保公司', phone: '13912345678', idNumber: '11010519491231002X' }
  await callOk(desk.core, 'keyLoan.lend', { ...contractor, tagNo: '001', name: '孙工', purpose: '检修天台电梯机房' }, q1)
  await callOk(desk.core, 'keyLoan.lend', { ...contractor, tagNo: '002', name: '钱师傅', purpose: '水泵保养' }, q1)
  desk.page.on('pageerror', (e) => console.error('page error:', e.message))
})
afterAll(async () => desk?.close())

describe('F · custody counted at handover from the records', () => {
  it('the handover shows the computed lines and the overdue key; one difference explained, the key acknowledged, both sign', async () => {
    const { page } = desk
    offset = 2 * 3_600_000 + 5 * 60_000 // 2 h 5 min later: 001 is 5 minutes overdue
    await page.goto(desk.url)
    await desk.login('Q1')
    await page.getByTestId('go-handover').click()
    await page.getByTestId('start-handover').click()
    await poll(() => page.getByTestId('handover-incoming').isVisible()).toBe(true)

    // The computed lines, marked, with the records' figure: 3 copies less 2 out = 1 on the board; 10 − 1 issued = 9 cards.
    const counts = page.getByTestId('handover-counts')
    await poll(() => counts.textContent()).toContain('公共钥匙(挂板在位)')
    expect(await page.getByTestId('from-records-rec:keys-hook').textContent()).toBe('来自登记记录')
    expect(await page.getByTestId('expected-rec:keys-hook').textContent()).toBe('1')
    expect(await counts.textContent()).toContain('登记 3 把,借出 2 把')
    expect(await page.getByTestId('expected-rec:card:MK-01').textContent()).toBe('9')
    expect(await counts.textContent()).not.toContain('门禁卡库存')
    const keys = page.getByTestId('handover-overdue-keys')
    await poll(() => keys.textContent()).toContain('001号 3栋天台门钥匙')
    expect(await keys.textContent()).toContain('孙工(蓝天电梯维保公司)')
    expect(await keys.textContent()).not.toContain('水泵房钥匙') // out, but not overdue

    const inc = page.getByTestId('handover-incoming')
    await inc.getByLabel('接班人工号').fill('Q2')
    await inc.getByLabel('接班人PIN').fill('1234')
    await inc.getByRole('button', { name: '接班人登录' }).click()
    await poll(() => page.getByTestId('ack-key-001').isVisible()).toBe(true)

    const checklist = page.getByTestId('handover-checklist')
    const rows = await checklist.locator('tbody tr').count()
    for (let i = 0; i < rows; i++) {
      await checklist.locator('tbody tr').nth(i).getByText('符合', { exact: true }).click()
      await page.waitForTimeout(150)
    }
    // Both count every line; the card shelf holds 8, not 9.
    const cur = await callOk(desk.core, 'duty.current', {}, await token('Q1'))
    const v = await callOk(desk.core, 'handover.get', { id: cur.handover!.id }, admin)
    for (const c of v.counts) {
      const n = c.code === 'rec:card:MK-01' ? c.expected - 1 : c.unit === 'fen' ? c.expected / 100 : c.expected
      for (const side of ['outgoing', 'incoming'] as const) {
        const box = page.getByTestId(`count-${c.code}-${side}`)
        await box.fill(String(n))
        await box.blur()
        await page.waitForTimeout(200)
      }
    }
    const cardRow = counts.locator('tr.row-difference')
    await poll(() => cardRow.count()).toBe(1)
    expect(await cardRow.textContent()).toContain('门禁卡空白卡库存')
    expect(await cardRow.locator('.ant-tag-red').textContent()).toBe('有差异')
    const problems = page.getByTestId('handover-problems')
    await poll(() => problems.textContent()).toContain('逾期未还钥匙「001号 3栋天台门钥匙(孙工)」接班人尚未确认')
    expect(await problems.textContent()).toContain('「门禁卡空白卡库存」清点数不符(应有 9,交班清点 8,接班清点 8)')
    await desk.shot('f-handover-custody-difference')

    await page.getByTestId('explain-rec:card:MK-01').fill('一张空白卡写卡失败,未登记报废')
    // 确认 from the keyboard: Tab leaves the explanation (saving it) for the key's 确认, and Enter acknowledges.
    await page.keyboard.press('Tab')
    await poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('ack-key-001')
    await page.keyboard.press('Enter')
    await poll(() => keys.textContent()).toContain('接班人已确认')
    await poll(() => page.getByTestId('handover-problems').count()).toBe(0)
    await page.getByLabel('交班人 李娜 PIN').fill('1234')
    await page.getByLabel('接班人 王芳 PIN').fill('1234')
    await desk.shot('f-handover-custody-ready')
    await page.getByTestId('sign-handover').click()
    await poll(() => page.getByTestId('me').textContent()).toContain('王芳')
    await poll(() => page.getByTestId('print-handover').isVisible()).toBe(true)
    const signed = await callOk(desk.core, 'handover.get', { id: v.id }, admin)
    expect(signed).toMatchObject({ status: 'signed', integrity: { ok: true }, overdueKeys: [{ tagNo: '001', ack: { staffName: '王芳' } }] })
    await desk.shot('f-handover-custody-signed')
  })

  it('the printed record lists the computed lines (marked) and the acknowledged overdue key', async () => {
    const { page } = desk
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('print-handover').click()])
    const file = path.join(SHOTS, 'f-handover-custody.pdf')
    await download.saveAs(file)
    const pages = await pdfText(fs.readFileSync(file))
    expect(pages).toHaveLength(1)
    const text = pages.join('\n')
    for (const s of ['交接班记录表', '公共钥匙(挂板在位)', '来自登记记录', '登记 3 把,借出 2 把', '门禁卡空白卡库存', '有差异', '写卡失败', '逾期未还钥匙(1 把,接班人逐把确认)', '3栋天台门钥匙', '蓝天电梯维保公司', '已确认'])
      expect(text).toContain(s)
    expect(text).not.toContain('水泵房钥匙')
    if (pdfToPng(file, path.join(SHOTS, 'f-handover-custody-pdf'), 80, false)) expect(fs.existsSync(path.join(SHOTS, 'f-handover-custody-pdf-1.png'))).toBe(true)
  })
})
