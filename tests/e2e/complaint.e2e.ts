import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { callOk } from '../../electron/core/app'
import { openDesk, type Desk, pollWithin, focusedLabel } from './harness'
import { siteAroundNow } from './dutySite'

/**
 * Issue G · complaints, through the real UI in host mode: 李娜 registers a major complaint by keyboard
 * (Tab from field to field, Enter saves), opens a work contact slip to the department, is refused when
 * she tries to close it with no result; the supervisor sees it at once on her desk and judges it valid;
 * 李娜 records the result, the call-back and closes it; the analysis shows it in its charts.
 */
let desk: Desk
const poll = pollWithin(8000)
const focused = () => focusedLabel(desk.page)
const errors = () => desk.page.locator('.ant-message-notice, .ant-form-item-explain-error').allTextContents()

beforeAll(async () => {
  desk = await openDesk()
  await siteAroundNow(desk)
  const admin = (await callOk(desk.core, 'auth.login', { staffNo: 'admin', pin: '246810' })).token
  await callOk(desk.core, 'staff.create', { staffNo: 'D1', name: '周强', roles: ['director'], pin: '1234' }, admin)
  await callOk(desk.core, 'duty.start', {}, (await callOk(desk.core, 'auth.login', { staffNo: 'Q1', pin: '1234' })).token)
  desk.page.on('pageerror', (e) => console.error('page error:', e.message))
  await desk.page.goto(desk.url)
}, 60_000)
afterAll(async () => desk?.close())

describe('G · a complaint through the work contact slip to closure', () => {
  it('the administrator adds a category in 项目设置 › 投诉; a category twice is refused at the field', async () => {
    const { page } = desk
    await desk.login('admin', '246810')
    await page.goto(`${desk.url}#/site`)
    const card = page.getByTestId('complaint-settings')
    const cats = card.getByLabel('投诉类别(用顿号分隔)')
    await poll(() => cats.inputValue()).toContain('噪音扰民')
    const before = await cats.inputValue()
    await cats.fill(`${before}、噪音扰民`)
    await card.getByTestId('complaint-settings-save').click()
    await poll(errors).toEqual(expect.arrayContaining(['投诉类别「噪音扰民」重复']))
    await cats.fill(`${before}、电梯`)
    await card.getByTestId('complaint-settings-save').click()
    await poll(async () => (await callOk(desk.core, 'complaint.settings', {}, (await callOk(desk.core, 'auth.login', { staffNo: 'admin', pin: '246810' })).token)).categories).toContain('电梯')
    await card.scrollIntoViewIfNeeded()
    await page.screenshot({ path: 'test-results/screenshots/complaint-settings.png' })
  })

  it('the clerk registers a major complaint by keyboard and opens a work contact slip; closing with no result is refused', async () => {
    const { page } = desk
    await desk.login('Q1')
    await page.getByRole('menuitem', { name: '投诉' }).click()
    await poll(focused).toBe('投诉人')
    await page.keyboard.type('王先生')
    await page.keyboard.press('Tab')
    await page.keyboard.type('13812345678')
    await page.keyboard.press('Tab')
    await poll(focused).toBe('房屋')
    await page.keyboard.type('3-2-1502')
    await poll(() => page.locator('.ant-select-dropdown:visible .ant-select-item-option').allTextContents()).toEqual(expect.arrayContaining([expect.stringMatching(/3栋2单元1502/)]))
    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('Enter')
    await page.keyboard.press('Tab')
    await poll(focused).toBe('投诉方式') // 来电 chosen
    await page.keyboard.press('Tab')
    await poll(focused).toBe('投诉类别')
    await page.keyboard.type('噪音')
    await page.keyboard.press('Enter')
    await page.keyboard.press('Tab')
    await poll(focused).toBe('责任部门')
    await page.keyboard.type('秩序')
    await page.keyboard.press('Enter')
    await page.keyboard.press('Tab')
    await poll(focused).toBe('严重程度')
    await page.keyboard.press('ArrowRight') // 重大
    await page.keyboard.press('Tab')
    await poll(focused).toBe('投诉内容')
    await page.keyboard.type('楼上装修晚上九点后仍在施工')
    await desk.shot('complaint-form')
    await page.keyboard.press('Enter')

    // Saved: the complaint opens on its next step, the work contact slip, with the focus on 联系事项.
    const detail = page.getByTestId('complaint-detail')
    await poll(() => detail.isVisible()).toBe(true)
    await poll(() => page.locator('.ant-drawer-title').textContent()).toMatch(/投诉 TS-\d{4}-0001/)
    expect(await detail.textContent()).toContain('3栋2单元1502')
    await poll(focused).toBe('联系事项')
    await page.keyboard.type('请今晚巡查并制止超时施工')
    const download = page.waitForEvent('download')
    await page.keyboard.press('Enter')
    expect((await download).suggestedFilename()).toMatch(/^工作联系单-LX-\d{4}-0001\.pdf$/)
    await poll(() => page.getByTestId('complaint-slips').textContent()).toMatch(/LX-\d{4}-0001秩序维护部请今晚巡查并制止超时施工/)

    // The attack: closing with no result is refused by the core, and nothing closes.
    await page.getByRole('tab', { name: '办结' }).click()
    await poll(() => page.getByTestId('close-blockers').textContent()).toContain('尚未登记处理结果,不能办结')
    await poll(focused).toBe('办结说明(可不填)')
    await page.keyboard.press('Enter')
    await poll(errors).toEqual(expect.arrayContaining([expect.stringContaining('尚未登记处理结果,不能办结')]))
    expect(await page.locator('.ant-drawer-extra').textContent()).toContain('处理中')
    await desk.shot('complaint-slip-issued')
    // The log shows the complaint as a pending item of the shift, with the slip as its follow-up.
    const q1 = (await callOk(desk.core, 'auth.login', { staffNo: 'Q1', pin: '1234' })).token
    const pending = await callOk(desk.core, 'log.pending', {}, q1)
    expect(pending.map((e) => e.sourceKind)).toEqual(['complaint'])
    expect(pending[0].content).toMatch(/^【重大投诉】投诉 TS-\d{4}-0001/)
    expect(pending[0].content).toContain('噪音扰民')
    expect(pending[0].content).toContain('楼上装修晚上九点后仍在施工')
    await page.keyboard.press('Escape')
  })

  it('值班台: the log entry\'s tag 投诉登记 is a link — Tab reaches it, Enter opens the complaint itself', async () => {
    const { page } = desk
    await page.getByRole('menuitem', { name: '值班台' }).click()
    const link = page.getByTestId('entry-source-link').first()
    await poll(() => link.textContent()).toBe('投诉登记')
    // Keyboard reachable: a real link in the tab order (no tabindex=-1).
    expect(await link.evaluate((a) => (a as HTMLAnchorElement).tabIndex)).toBe(0)
    await link.focus()
    await page.keyboard.press('Enter')
    await poll(() => page.evaluate(() => location.hash)).toMatch(/^#\/complaints\/[0-9a-f-]{36}$/)
    await poll(() => page.locator('.ant-drawer-title').textContent()).toMatch(/投诉 TS-\d{4}-0001/)
    expect(await page.getByTestId('complaint-detail').textContent()).toContain('楼上装修晚上九点后仍在施工')
    await desk.shot('complaint-from-duty-log')
    await page.keyboard.press('Escape')
    await poll(() => page.evaluate(() => location.hash)).toBe('#/complaints')
  })

  it('the director and the supervisor see the major complaint at once; the supervisor judges it valid', async () => {
    const { page } = desk
    // The director: the major complaint only (the validity decision is not theirs).
    await desk.login('D1')
    await page.getByRole('menuitem', { name: /主管工作台/ }).click()
    await poll(() => page.getByTestId('count-complaints').textContent()).toBe('重大/待判定投诉1')
    await page.getByTestId('count-complaints').click()
    await poll(() => page.getByTestId('queue-major').textContent()).toContain('楼上装修晚上九点后仍在施工')

    await desk.login('S1')
    await page.getByRole('menuitem', { name: /主管工作台/ }).click()
    await poll(() => page.getByTestId('count-complaints').textContent()).toBe('重大/待判定投诉2') // major + undecided
    await page.getByTestId('count-complaints').click()
    await poll(() => page.getByTestId('queue-major').locator('tbody tr.ant-table-row').count()).toBe(1)
    await desk.shot('complaint-supervisor-queue')
    await page.getByTestId('queue-undecided').locator('tbody tr.ant-table-row').first().click()
    await page.getByRole('tab', { name: '有效性判定' }).click()
    await page.getByLabel('判定理由').fill('施工时间违反装修管理规定')
    await page.getByLabel('判定理由').press('Enter')
    await poll(() => page.getByTestId('complaint-detail').textContent()).toContain('有效(陈静:施工时间违反装修管理规定)')
    await page.keyboard.press('Escape')
    await poll(() => page.getByTestId('count-complaints').textContent()).toBe('重大/待判定投诉1')
  })

  it('the clerk records the result, the call-back and closes it; the analysis shows it', async () => {
    const { page } = desk
    await desk.login('Q1')
    await page.getByRole('menuitem', { name: '投诉' }).click()
    const row = page.getByTestId('complaints-open').locator('tbody tr.ant-table-row').first()
    await poll(() => row.textContent()).toContain('处理中')
    await row.focus()
    await page.keyboard.press('Enter')
    await poll(focused).toBe('处理结果')
    await page.keyboard.type('已约谈装修方,晚上八点后不得施工')
    await page.keyboard.press('Enter')
    // Next step: the call-back, 满意 chosen; Enter saves it.
    await poll(() => page.locator('.ant-drawer .ant-tabs-tab-active').textContent()).toBe('回访')
    await poll(() => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.value)).toBe('satisfied')
    await page.keyboard.press('Enter')
    await poll(() => page.locator('.ant-drawer .ant-tabs-tab-active').textContent()).toBe('办结')
    await poll(focused).toBe('办结说明(可不填)')
    await page.keyboard.press('Enter')
    await poll(() => page.locator('.ant-drawer-extra').textContent()).toContain('已办结')
    expect(await page.getByTestId('complaint-steps').textContent()).toMatch(/处理结果:已约谈装修方.*回访:满意.*办结\(李娜\)/)
    await desk.shot('complaint-closed')
    await page.keyboard.press('Escape')
    await poll(() => page.getByTestId('complaints-open').locator('tbody tr.ant-table-row').count()).toBe(0)
    const q1 = (await callOk(desk.core, 'auth.login', { staffNo: 'Q1', pin: '1234' })).token
    expect(await callOk(desk.core, 'log.pending', {}, q1)).toEqual([])

    await page.getByRole('tab', { name: '统计分析' }).click()
    await poll(() => page.getByTestId('chart-category').textContent()).toContain('噪音扰民1(有效1)')
    expect(await page.getByTestId('chart-building').textContent()).toContain('3栋')
    await desk.shot('complaint-analysis')
    const pdf = page.waitForEvent('download')
    await page.getByTestId('print-analysis').click()
    expect((await pdf).suggestedFilename()).toMatch(/^投诉统计分析-/)
  })
})
