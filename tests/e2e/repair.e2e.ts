import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { callOk } from '../../electron/core/app'
import { siteAroundNow } from './dutySite'
import { openDesk, SHOTS, type Desk, pollWithin, focusedLabel } from './harness'
import { pdfToPng } from '../helpers/pdf'

/**
 * Issue G · repair orders through host mode: a repair registered from a phone call by keyboard (the
 * clerk's actions counted), one forwarded in time and one breached (the core's clock moved on), and an
 * urgent repair through arrival, completion and call-back; the 维修单 and the day's register printed.
 */
let desk: Desk
/** The core's clock: real time plus an offset the test moves forward. */
let offset = 0
const poll = pollWithin(10_000)
let q1: string
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=='

beforeAll(async () => {
  desk = await openDesk({ now: () => new Date(Date.now() + offset) })
  await siteAroundNow(desk)
  const admin = (await callOk(desk.core, 'auth.login', { staffNo: 'admin', pin: '246810' })).token
  const b = await callOk(desk.core, 'building.create', { code: '5' }, admin)
  await callOk(desk.core, 'unit.create', { buildingId: b.id, entrance: '', room: '101' }, admin)
  q1 = (await callOk(desk.core, 'auth.login', { staffNo: 'Q1', pin: '1234' })).token
  await callOk(desk.core, 'duty.start', {}, q1)
  desk.page.on('pageerror', (e) => console.error('page error:', e.message))
})
afterAll(async () => desk?.close())

const focused = () => focusedLabel(desk.page)
const row = (text: string) => desk.page.getByTestId('open-repairs-table').locator('tbody tr.ant-table-row', { hasText: text })
const unitOf = async (room: string) => (await desk.core.db.read.get<{ id: string }>('SELECT id FROM units WHERE room = ?', [room]))!.id

describe('G · repair orders', () => {
  it('a repair from a phone call, by keyboard: room, Tab, category, Enter, Tab, what is wrong, Enter', async () => {
    const { page } = desk
    await page.goto(desk.url)
    await desk.login('Q1')
    let actions = 0
    // 1: the menu; 房屋 has the focus.
    await page.getByRole('menuitem', { name: '报修' }).click()
    actions += 1
    await poll(focused).toBe('房屋')
    await page.keyboard.type('1502')
    // 2: Tab takes the room's single match and moves on to 类别; the owner is filled in as the contact.
    await page.keyboard.press('Tab')
    actions += 1
    await poll(focused).toBe('类别')
    await page.keyboard.type('水')
    // 3: Enter picks the category.
    await page.keyboard.press('Enter')
    actions += 1
    // 4: Tab to 报修内容.
    await page.keyboard.press('Tab')
    actions += 1
    await poll(focused).toBe('报修内容')
    await page.keyboard.type('厨房水管漏水')
    await poll(() => page.getByTestId('repair-form').locator('#repair_contactName').inputValue()).toBe('张伟')
    await desk.shot('repair-form')
    // 5: Enter saves.
    await page.keyboard.press('Enter')
    actions += 1
    await poll(() => row('WX-').count()).toBe(1)
    const r = row('WX-')
    expect(await r.textContent()).toContain('3栋2单元1502')
    expect(await r.textContent()).toContain('张伟 138****5678')
    await poll(() => r.getByTestId('clock-forward').textContent()).toMatch(/^转单 剩(2分5\d|3分00)秒$/)
    // The form is empty again, 房屋 has the focus for the next call.
    await poll(focused).toBe('房屋')
    expect(actions).toBeLessThanOrEqual(6)
    console.log(`[figures] 电话报修登记:${actions} 次操作(另加输入文字)`)
    // It stands in the duty log as one linked entry.
    const pending = await callOk(desk.core, 'log.pending', {}, q1)
    expect(pending.map((e) => [e.sourceKind, e.content.slice(0, 18)])).toEqual([['repair', `报修单 ${(await r.locator('a').first().textContent())!}3栋2`.slice(0, 18)]])
    await desk.shot('repair-desk')
  })

  it('one forwarded in time, one breached: the late clock turns red and stays a fact on the order', async () => {
    const { page } = desk
    const late = await callOk(desk.core, 'repair.create', { unitId: await unitOf('101'), contactName: '陈先生', contactPhone: '13911112222', category: '门窗', content: '窗户关不上' }, q1)
    await page.reload()
    // In time: forwarded from the list, the receiver typed, Enter.
    const first = row('厨房水管漏水')
    await first.getByRole('button', { name: '转单' }).click()
    await page.getByTestId('forward-receiver').fill('张师傅')
    await page.getByTestId('forward-receiver').press('Enter')
    await poll(() => first.textContent()).toContain('已转工程部(张师傅)')
    expect(await first.getByTestId('clock-forward').count()).toBe(0)
    // Four minutes later on the core's clock: the other is late, in red, counting on.
    offset += 4 * 60_000
    await page.reload()
    const second = row(late.serial)
    await poll(() => second.getByTestId('clock-forward').textContent()).toMatch(/^转单 超时1分0\d秒$/)
    expect(await second.getByTestId('clock-forward').getAttribute('data-state')).toBe('late')
    expect(await second.getByTestId('clock-forward').evaluate((el) => getComputedStyle(el).color)).toMatch(/rgb\(2\d\d, \d{1,2}, \d{1,2}\)/)
    const t1 = await second.getByTestId('clock-forward').textContent()
    await poll(() => second.getByTestId('clock-forward').textContent(), { timeout: 4000 }).not.toBe(t1)
    expect(await page.getByTestId('open-repairs').locator('.ant-card-head-title').textContent()).toBe('未结报修(2,超时 1)')
    await desk.shot('repair-late')
    await second.getByRole('button', { name: '转单' }).click()
    await page.getByTestId('forward-receiver').fill('李师傅')
    await page.getByTestId('forward-receiver').press('Enter')
    await poll(() => second.textContent()).toContain('已转工程部(李师傅)')
    // Stopped late: red on the list for ever, and the breach on the order.
    expect(await second.getByTestId('clock-forward').getAttribute('data-state')).toBe('breached')
    await second.getByRole('button', { name: '详情' }).click()
    await poll(() => page.getByTestId('repair-breaches').textContent()).toMatch(/转单超时1分0\d秒/)
    await desk.shot('repair-breached-detail')
    // The duty desk says how many are open and late.
    await page.getByRole('menuitem', { name: '值班台' }).click()
    await poll(() => page.getByTestId('open-repairs-bar').textContent()).toContain('未结报修 2 单,其中超时 1 单')
  })

  it('an urgent repair through arrival, completion and call-back, with the 维修单 and the day register printed', async () => {
    const { page } = desk
    await page.getByRole('menuitem', { name: '报修' }).click()
    await poll(focused).toBe('房屋')
    // A room that is not in the registry: the save stops at 房屋 with the reason, nothing saved.
    const before = (await callOk(desk.core, 'repair.open', {}, q1)).rows.length
    await page.keyboard.type('9999')
    await page.keyboard.press('Enter')
    await poll(() => page.getByTestId('repair-form').locator('.ant-form-item-explain-error').allTextContents()).toContain('没有找到房屋「9999」,请核对房号,或清空房屋')
    expect((await callOk(desk.core, 'repair.open', {}, q1)).rows.length).toBe(before)
    await page.keyboard.press('Control+A')
    await page.keyboard.type('101')
    await page.keyboard.press('Tab')
    await page.keyboard.type('电')
    await page.keyboard.press('Enter')
    await page.keyboard.press('Tab')
    await page.keyboard.type('整户停电')
    // No resident on file at 5栋101: the contact is typed.
    await page.keyboard.press('Tab')
    await poll(focused).toBe('联系人')
    await page.keyboard.type('陈先生')
    await page.keyboard.press('Tab')
    await page.keyboard.type('13911112222')
    await page.keyboard.press('Tab')
    await poll(focused).toBe('急修')
    await page.keyboard.press('Space')
    // A photo of the breaker box (optional).
    await page.getByTestId('repair-form').locator('input[type=file]').setInputFiles({ name: 'breaker.png', mimeType: 'image/png', buffer: Buffer.from(PNG, 'base64') })
    await poll(() => page.getByTestId('repair-form').textContent()).toContain('照片1:breaker.png')
    await page.keyboard.press('Enter')
    const r = row('整户停电')
    await poll(() => r.count()).toBe(1)
    expect(await r.textContent()).toContain('急修')
    expect(await r.getByTestId('clock-onSite').textContent()).toMatch(/^到场 剩1[45]分\d\d秒$/)
    await r.getByRole('button', { name: '详情' }).click()
    const detail = page.getByTestId('repair-detail')
    await poll(() => detail.textContent()).toContain('整户停电')
    await detail.getByRole('button', { name: '照片:照片1' }).click()
    await poll(() => detail.locator('img[alt="照片1"]').count()).toBe(1)
    // Forward, then engineering on site 6 minutes later.
    await page.getByTestId('step-forward').getByLabel('工程部接单人').fill('王师傅')
    await page.getByTestId('step-forward').getByLabel('工程部接单人').press('Enter')
    await poll(() => page.getByTestId('step-arrive').count()).toBe(1)
    offset += 6 * 60_000
    await page.getByTestId('step-arrive').getByLabel('到场人员').press('Enter')
    await poll(() => page.getByTestId('repair-steps').textContent()).toContain('到场 王师傅')
    expect(await detail.getByTestId('clock-onSite').getAttribute('data-state')).toBe('met')
    // Completed an hour later; the call-back clock starts.
    offset += 60 * 60_000
    const done = page.getByTestId('step-complete')
    await done.getByLabel('维修结果').fill('更换空气开关')
    await done.getByLabel('材料').fill('空气开关1个')
    await done.getByLabel('收费').fill('材料费35元')
    await done.getByLabel('收费').press('Enter')
    await poll(() => page.getByTestId('step-callback').count()).toBe(1)
    await poll(() => detail.getByTestId('clock-callback').getAttribute('data-state')).toBe('running')
    expect(await detail.getByTestId('clock-done').getAttribute('data-state')).toBe('met')
    await desk.shot('repair-completed')
    // Call-back: reached and satisfied (the defaults), Enter.
    await page.getByTestId('step-callback').getByLabel('回访备注').fill('业主表示满意')
    await page.getByTestId('step-callback').getByLabel('回访备注').press('Enter')
    await poll(() => page.getByTestId('repair-steps').textContent()).toContain('业主满意:业主表示满意')
    expect(await page.getByTestId('step-callback').count()).toBe(0)
    expect(await detail.textContent()).toContain('已回访')
    await desk.shot('repair-closed')
    const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId('print-order').click()])
    const pdf = path.join(SHOTS, 'repair-order-e2e.pdf')
    await dl.saveAs(pdf)
    pdfToPng(pdf, path.join(SHOTS, 'repair-order-e2e'), 80)
    // The log entry of the order is closed by the call-back.
    const log = await callOk(desk.core, 'log.pending', {}, q1)
    expect(log.some((e) => e.content.includes('整户停电'))).toBe(false)
    // The day's register.
    await page.getByRole('button', { name: '返回报修台' }).click()
    await page.getByRole('tab', { name: '当日报修登记' }).click()
    await poll(() => page.getByTestId('repair-day').textContent()).toContain('整户停电')
    await desk.shot('repair-day')
    const [dl2] = await Promise.all([page.waitForEvent('download'), page.getByTestId('print-day').click()])
    const day = path.join(SHOTS, 'repair-day-e2e.pdf')
    await dl2.saveAs(day)
    pdfToPng(day, path.join(SHOTS, 'repair-day-e2e'), 70)
  })

  it('the administrator makes the site stricter on 项目设置: urgent on site within 5 minutes', async () => {
    const { page } = desk
    await page.goto(desk.url)
    await desk.login('admin', '246810')
    await page.getByRole('menuitem', { name: '项目设置' }).click()
    const card = page.getByTestId('repair-settings')
    await card.scrollIntoViewIfNeeded()
    await card.getByLabel('急修到场时限(分钟)').fill('5')
    // Enter saves the card (not 项目设置's own form around it).
    await card.getByLabel('急修到场时限(分钟)').press('Enter')
    await poll(() => page.locator('.ant-message').textContent()).toContain('报修设置已保存')
    const admin = (await callOk(desk.core, 'auth.login', { staffNo: 'admin', pin: '246810' })).token
    await poll(async () => (await callOk(desk.core, 'repair.settings', {}, admin)).urgentOnSiteMinutes).toBe(5)
    // Nothing else changed.
    expect((await callOk(desk.core, 'repair.settings', {}, admin)).forwardMinutes).toBe(3)
    await card.screenshot({ path: path.join(SHOTS, 'repair-settings.png') })
  })
})
