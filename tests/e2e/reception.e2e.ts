import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { callOk } from '../../electron/core/app'
import { localDateTime } from '../../shared/time/zone'
import { siteAroundNow } from './dutySite'
import { openDesk, SHOTS, type Desk, pollWithin, focusedLabel } from './harness'
import { pdfToPng } from '../helpers/pdf'

/**
 * 家居服务 and 特殊事件报告 at the desk (host mode): the administrator keeps the price list in 项目设置;
 * the clerk books a cleaning by keyboard, sees the 2-hour call-back clock run, then — two and a half
 * hours later on the desk's clock — late in red, and records the call-back (a breach kept on the
 * booking). A special event filed at the desk reaches the supervisor's desk at once and is read there.
 */
let desk: Desk
let offset = 0
const coreNow = () => new Date(Date.now() + offset)
const TZ = 'Asia/Shanghai'
const focused = () => focusedLabel(desk.page)
const poll = pollWithin(8000)

beforeAll(async () => {
  desk = await openDesk({ now: coreNow })
  await siteAroundNow(desk)
  const q1 = (await callOk(desk.core, 'auth.login', { staffNo: 'Q1', pin: '1234' })).token
  await callOk(desk.core, 'duty.start', {}, q1)
  const admin = (await callOk(desk.core, 'auth.login', { staffNo: 'admin', pin: '246810' })).token
  await callOk(desk.core, 'staff.create', { staffNo: 'D1', name: '周强', roles: ['director'], pin: '1234' }, admin)
  desk.page.on('pageerror', (e) => console.error('page error:', e.message))
  await desk.page.goto(desk.url)
}, 60_000)
afterAll(async () => desk?.close())

describe('家居服务 and 特殊事件报告', () => {
  it('the price list is kept in 项目设置 (元 read exactly, codes generated)', async () => {
    const { page } = desk
    await desk.login('admin', '246810')
    await page.goto(`${desk.url}#/site`)
    const card = page.getByTestId('reception-settings')
    await card.getByRole('button', { name: '添加服务项目' }).click()
    await card.getByLabel('服务项目', { exact: true }).fill('日常保洁')
    await card.getByLabel('价格(元)').fill('50.005')
    await card.getByLabel('计价单位').fill('小时')
    await card.getByLabel('计价单位').press('Enter')
    await poll(() => card.locator('.ant-form-item-explain-error').allTextContents()).toEqual(['价格最多两位小数(到分),请按实际金额填写'])
    await card.getByLabel('价格(元)').fill('50')
    await poll(() => card.locator('.ant-form-item-explain-error').allTextContents()).toEqual([])
    await card.getByLabel('价格(元)').press('Enter')
    await poll(async () => (await callOk(desk.core, 'homeService.prices', {}, (await callOk(desk.core, 'auth.login', { staffNo: 'admin', pin: '246810' })).token)).map((p) => `${p.code} ${p.name} ${p.priceFen}`)).toEqual(['JF-01 日常保洁 5000'])
    await card.scrollIntoViewIfNeeded()
    await page.screenshot({ path: path.join(SHOTS, 'reception-settings.png'), clip: (await card.boundingBox())! })
  })

  it('a booking by keyboard → the 2-hour call-back clock runs → late in red after 2½ hours → called back (breach kept)', async () => {
    const { page } = desk
    await desk.login('Q1')
    await page.getByRole('menuitem', { name: '家居服务' }).click()
    const form = page.getByTestId('home-service-book')
    await form.getByLabel('房屋', { exact: true }).focus()
    await page.keyboard.type('3-2-1502')
    await poll(() => page.locator('.ant-select-dropdown:visible .ant-select-item-option').allTextContents()).toEqual(expect.arrayContaining([expect.stringMatching(/3栋2单元1502/)]))
    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('Enter')
    await page.keyboard.press('Tab')
    await poll(focused).toBe('联系人')
    await page.keyboard.type('张伟')
    await page.keyboard.press('Tab')
    await page.keyboard.type('13812345678')
    await page.keyboard.press('Tab')
    await poll(focused).toBe('服务项目')
    await page.keyboard.type('日常')
    await poll(() => page.locator('.ant-select-dropdown:visible .ant-select-item-option-active').allTextContents()).toEqual(['日常保洁 50.00元/小时'])
    await page.keyboard.press('Enter')
    await poll(() => form.locator('.ant-form-item', { hasText: '服务项目' }).textContent()).toContain('日常保洁 50.00元/小时')
    // Picked, the focus goes on to the quantity by itself.
    await poll(focused).toBe('数量(小时)')
    await page.keyboard.press('Control+A')
    await page.keyboard.type('3')
    await page.keyboard.press('Tab')
    await poll(focused).toBe('希望服务时间')
    // A time already past is refused at the field; nothing saved.
    await page.keyboard.type(localDateTime(new Date(coreNow().getTime() - 3600_000), TZ))
    await page.keyboard.press('Enter')
    await poll(() => form.locator('.ant-form-item-explain-error').allTextContents()).toEqual([expect.stringContaining('已经过去')])
    expect((await desk.core.db.read.get<{ n: number }>('SELECT COUNT(*) AS n FROM home_services'))!.n).toBe(0)
    await page.keyboard.press('Control+A')
    const wanted = localDateTime(new Date(coreNow().getTime() + 24 * 3600_000), TZ)
    await page.keyboard.type(wanted)
    await poll(() => page.getByTestId('home-service-price').textContent()).toBe('告知业主价格:150.00 元')
    await page.keyboard.press('Enter')
    const clock = page.getByTestId('clock-JF-' + wanted.slice(0, 4) + '-0001')
    await poll(() => clock.getAttribute('data-state')).toBe('running')
    await poll(() => clock.textContent()).toMatch(/^回电剩 1小时5\d分/)
    await desk.shot('homeService-booked')
    // 2½ hours later on the desk's clock: late, in red, counting up.
    offset += 150 * 60_000
    await page.reload()
    await poll(() => clock.getAttribute('data-state')).toBe('late')
    await poll(() => clock.textContent()).toMatch(/^回电已超时 30分/)
    await desk.shot('homeService-late')
    await page.getByTestId('home-service-list').getByRole('button', { name: '回电确认' }).click()
    const modal = page.locator('.ant-modal:visible')
    await poll(() => modal.getByLabel('确认上门时间').inputValue()).toBe(wanted)
    await modal.getByLabel('服务人员').fill('保洁班 赵姐')
    await modal.getByLabel('服务人员').press('Enter')
    await poll(() => clock.getAttribute('data-state')).toBe('breached')
    await poll(() => clock.textContent()).toMatch(/^回电超时 30分/)
    const step = (await desk.core.db.read.get<{ over_ms: number }>("SELECT over_ms FROM home_service_steps WHERE step = 'callBack'"))!
    expect(Math.round(step.over_ms / 60_000)).toBe(30)
    await desk.shot('homeService-called-back')
    const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId('home-service-print').click()])
    const pdf = path.join(SHOTS, 'homeService-register-e2e.pdf')
    await dl.saveAs(pdf)
    pdfToPng(pdf, path.join(SHOTS, 'homeService-register-e2e'), 60)
  })

  it('a special event filed at the desk reaches the supervisor at once and is read there', async () => {
    const { page } = desk
    await page.getByRole('menuitem', { name: '特殊事件报告' }).click()
    const form = page.getByTestId('special-event-form')
    await poll(() => form.getByLabel('事件', { exact: true }).evaluate((e) => e === document.activeElement)).toBe(true)
    await page.keyboard.type('地下车库水管爆裂')
    await page.keyboard.press('Tab')
    await page.keyboard.type('3栋地下车库B2')
    await form.getByLabel('发生时间').fill(localDateTime(new Date(coreNow().getTime() - 20 * 60_000), TZ))
    await form.getByLabel('事件经过').fill('巡查发现B2层消防水管接头爆裂,地面积水约5厘米。')
    await form.getByLabel('已通知(谁、何时)').fill('工程部 王工;秩序部 李队长')
    await form.getByLabel('处理措施').fill('关闭分区阀门,设置警示围挡。')
    await desk.shot('specialEvent-form')
    const [dl] = await Promise.all([page.waitForEvent('download'), form.getByLabel('已通知(谁、何时)').press('Enter')])
    const pdf = path.join(SHOTS, 'specialEvent-e2e.pdf')
    await dl.saveAs(pdf)
    pdfToPng(pdf, path.join(SHOTS, 'specialEvent-e2e'), 60)
    await poll(() => page.getByTestId('special-event-list').textContent()).toContain('待客服主管阅示')
    // On the duty desk: the booking and the report stand as linked entries, open until they close.
    await page.getByRole('menuitem', { name: '值班台' }).click()
    const today = page.locator('.ant-card').filter({ has: page.locator('.ant-card-head-title', { hasText: '本班值班记录' }) })
    await poll(() => today.textContent(), { timeout: 15_000 }).toMatch(/特殊事件报告 SJ-.*家居服务 JF-/s)
    await desk.shot('reception-duty-desk')
    // The supervisor lands on 主管工作台: the count and the queue.
    await desk.login('S1')
    await page.goto(`${desk.url}#/supervise`)
    const tile = page.getByTestId('count-events')
    await poll(() => tile.textContent()).toBe('待阅特殊事件1')
    await tile.click()
    const queue = page.getByTestId('special-event-queue')
    await poll(() => queue.textContent()).toContain('地下车库水管爆裂')
    await poll(() => page.getByRole('tab', { name: '待阅特殊事件', selected: true }).isVisible()).toBe(true)
    await page.waitForTimeout(400) // the tab's ink bar slides; the picture after it
    await desk.shot('specialEvent-supervisor')
    await queue.getByRole('button', { name: '阅示' }).click()
    const modal = page.locator('.ant-modal:visible')
    await modal.getByLabel('批示(可选)').fill('通知保险公司定损')
    await modal.getByRole('button', { name: '已阅' }).click()
    await poll(() => tile.textContent()).toBe('待阅特殊事件0')
    // Still waiting for the director.
    await desk.login('D1')
    await page.goto(`${desk.url}#/supervise`)
    await poll(() => page.getByTestId('count-events').textContent()).toBe('待阅特殊事件1')
  })
})
