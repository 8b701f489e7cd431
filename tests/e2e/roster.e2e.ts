import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { callOk } from '../../electron/core/app'
import { addMonthsToMonth, datesOfMonth, monthOfDate } from '../../shared/time/calendar'
import { localDate } from '../../shared/time/zone'
import { setUpSite } from '../helpers/core'
import { pdfText } from '../helpers/pdf'
import { openDesk, SHOTS, type Desk } from './harness'

/**
 * B · 排班表 and 请假/替班, as the desk uses them. Real clock: "next month" is whatever follows today,
 * so every leave date asked for in it is at least one day ahead.
 */

const TZ = 'Asia/Shanghai'
const PIN = '1234'
const today = localDate(new Date(), TZ)
const thisMonth = monthOfDate(today)
const next = addMonthsToMonth(thisMonth, 1)
const day10 = `${next}-10`

let desk: Desk
let admin: string
const ids: Record<string, string> = {}

beforeAll(async () => {
  desk = await openDesk()
  admin = await setUpSite(desk.core)
  for (const p of [
    { staffNo: 'S1', name: '陈静', roles: ['supervisor' as const] },
    { staffNo: 'Q1', name: '李娜', roles: ['clerk' as const] },
    { staffNo: 'Q2', name: '王芳', roles: ['clerk' as const] },
  ]) {
    ids[p.staffNo] = (await callOk(desk.core, 'staff.create', { ...p, pin: PIN }, admin)).id
  }
  ids.admin = (await callOk(desk.core, 'auth.me', {}, admin)).staff.id
  // This month, published: the plan "复制上月" copies by day of month. 李娜 早, 王芳 晚, 赵敏 中 on weekdays-ish, 陈静 中 otherwise.
  const cells = datesOfMonth(thisMonth).flatMap((date) => {
    const d = Number(date.slice(8))
    const out: Array<{ date: string; staffId: string; shiftCode: string }> = []
    if (d % 4 !== 0) out.push({ date, staffId: ids.Q1, shiftCode: 'early' })
    if (d % 4 !== 1) out.push({ date, staffId: ids.Q2, shiftCode: 'late' })
    out.push({ date, staffId: d % 3 === 0 ? ids.S1 : ids.admin, shiftCode: 'middle' })
    return out
  })
  await callOk(desk.core, 'roster.saveDraft', { month: thisMonth, cells }, admin)
  await callOk(desk.core, 'roster.publish', { month: thisMonth }, admin)
})
afterAll(async () => desk?.close())

async function login(staffNo: string, pin: string, name: string) {
  await desk.page.goto(desk.url)
  await desk.login(staffNo, pin)
  await expect.poll(() => desk.page.getByTestId('me').textContent()).toContain(name)
}

const logout = () => desk.logout()

/** Opens a page by its hash; fails clearly when the Shell does not route it yet. */
async function open(hash: string, testId: string) {
  const { page } = desk
  await page.goto(desk.url + '#/' + hash)
  await expect.poll(() => page.getByTestId('me').isVisible()).toBe(true)
  try {
    await page.getByTestId(testId).waitFor({ timeout: 5_000 })
  } catch {
    throw new Error(`route #/${hash.split('/')[0]} not registered in Shell (renderer/src/shell/Shell.tsx)`)
  }
}

/** Chooses a shift in a grid cell's Select. */
async function pick(cell: string, option: string) {
  const { page } = desk
  await page.getByTestId(cell).click()
  const popup = page.locator('.ant-select-dropdown:visible')
  await popup.getByTitle(option, { exact: true }).click()
  await expect.poll(() => popup.count()).toBe(0)
}

describe('B · 排班表', () => {
  it('the administrator copies last month, changes two cells, saves the draft and publishes', async () => {
    const { page } = desk
    await login('admin', '246810', '赵敏')
    await open(`roster/${next}`, 'roster-page')
    await expect.poll(() => page.getByTestId('roster-status').textContent()).toContain('未排')
    await page.getByRole('button', { name: '复制上月' }).click()
    await expect.poll(() => page.getByTestId('roster-status').textContent()).toContain('草稿')
    await expect.poll(() => page.getByTestId(`cell-Q1-${day10}`).getAttribute('data-code')).toBe('early')
    expect(await page.getByTestId(`cell-Q2-${day10}`).getAttribute('data-code')).toBe('late')
    // The whole month fits a 1366-px screen: no horizontal scroll.
    await desk.shot('b-roster-01-copied')
    const size = await page.locator('.roster-scroll').evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }))
    expect(size.scroll, JSON.stringify(size)).toBeLessThanOrEqual(size.client + 1)

    await pick(`cell-Q1-${day10}`, '中班 09:30–17:30')
    await pick(`cell-Q2-${day10}`, '休(不排班)')
    await expect.poll(() => page.getByText('有 2 格未保存').isVisible()).toBe(true)
    expect(await page.getByTestId(`cell-Q1-${day10}`).textContent()).toContain('中')
    await page.getByTestId(`cell-Q2-${next}-11`).click()
    await expect.poll(() => page.locator('.ant-select-dropdown:visible').count()).toBe(1)
    await desk.shot('b-roster-02-editing')
    await page.keyboard.press('Escape')
    await page.getByRole('button', { name: '保存草稿' }).click()
    await expect.poll(() => page.getByText('排班表草稿已保存').isVisible()).toBe(true)
    await expect.poll(() => page.getByText('格未保存').count()).toBe(0)
    let view = await callOk(desk.core, 'roster.get', { month: next }, admin)
    expect(view.status).toBe('draft')
    expect(view.slots.find((s) => s.date === day10 && s.staffId === ids.Q1)?.shiftCode).toBe('middle')
    expect(view.slots.find((s) => s.date === day10 && s.staffId === ids.Q2)).toBeUndefined()

    await page.getByRole('button', { name: '发布' }).click()
    const dialog = page.getByRole('dialog')
    await expect.poll(() => dialog.textContent()).toContain('发布后排班表不能再修改')
    await dialog.getByRole('button', { name: '发布' }).click()
    await expect.poll(() => page.getByTestId('roster-status').textContent()).toContain('已发布')
    await expect.poll(() => dialog.count()).toBe(0)
    expect(await page.getByTestId('roster-status').textContent()).toContain('赵敏')
    // Published: read-only, printable.
    expect(await page.getByTestId('roster-grid').locator('.ant-select').count()).toBe(0)
    expect(await page.getByRole('button', { name: '保存草稿' }).count()).toBe(0)
    expect(await page.getByRole('button', { name: '打印' }).isVisible()).toBe(true)
    view = await callOk(desk.core, 'roster.get', { month: next }, admin)
    expect(view).toMatchObject({ status: 'published', publishedByName: '赵敏' })
    await desk.shot('b-roster-03-published')
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '打印' }).click()])
    const pdf = path.join(SHOTS, 'b-roster.pdf')
    await download.saveAs(pdf)
    const text = (await pdfText(fs.readFileSync(pdf))).join('\n')
    for (const s of [`${next} 排班表`, '赵敏', '审核人']) expect(text).toContain(s)
    await logout()
  })
})

describe('B · 请假与替班', () => {
  it('a clerk asks too late (refused in Chinese), then a day ahead: pending, and cannot name a substitute', async () => {
    const { page } = desk
    await login('Q1', PIN, '李娜')
    await open('leave', 'leave-page')
    const form = page.getByTestId('leave-request')
    expect(await form.getByLabel('替班人').count()).toBe(0)
    await form.getByText('请假', { exact: true }).click()
    await form.getByLabel('事由').fill('发烧就医')
    await form.getByLabel('日期').fill(today)
    await form.getByLabel('日期').press('Enter') // Enter in the form submits it
    await expect.poll(() => form.getByText('须至少提前一天申请').isVisible()).toBe(true)
    await desk.shot('b-roster-04-leave-too-soon')
    expect(await page.getByTestId('my-leave').textContent()).toContain('还没有申请')

    await form.getByLabel('日期').fill(day10)
    await form.getByLabel('日期').press('Tab')
    await expect.poll(() => page.locator('.ant-picker-dropdown:visible').count()).toBe(0)
    await expect.poll(() => form.textContent()).toContain('当天班次:中班 09:30–17:30')
    await form.getByRole('button', { name: '提交申请' }).click()
    await expect.poll(() => page.getByTestId('my-leave').textContent()).toContain('待审批')
    const mine = await page.getByTestId('my-leave').textContent()
    expect(mine).toContain('请假')
    expect(mine).toContain('发烧就医')
    await desk.shot('b-roster-05-leave-pending')
    await logout()
  })

  it('the supervisor approves, choosing the substitute; the roster shows who takes the shift', async () => {
    const { page } = desk
    await login('S1', PIN, '陈静')
    await open('leave', 'leave-page')
    const queue = page.getByTestId('leave-queue')
    await expect.poll(() => queue.textContent()).toContain('李娜')
    await queue.getByRole('row', { name: /李娜/ }).getByRole('button').filter({ hasText: /^批准$/ }).click()
    const dialog = page.getByRole('dialog')
    await expect.poll(() => dialog.textContent()).toContain('批准 · 李娜 的请假申请')
    await dialog.getByLabel('替班人(可不选)').click()
    await page.locator('.ant-select-dropdown:visible').getByText(/王芳.*当天休息/).click()
    await dialog.getByLabel('审批意见(可空)').fill('同意,王芳替班')
    await desk.shot('b-roster-06-approve')
    await dialog.getByRole('button', { name: '批准', exact: true }).click()
    await expect.poll(() => page.getByText('已批准,排班表已更新').isVisible()).toBe(true)
    await expect.poll(() => queue.textContent()).toContain('没有待审批的申请')

    await open(`roster/${next}`, 'roster-page')
    const sub = page.getByTestId(`cell-Q2-${day10}`)
    await expect.poll(() => sub.getAttribute('data-code')).toBe('middle')
    expect(await sub.textContent()).toContain('替')
    const left = page.getByTestId(`cell-Q1-${day10}`)
    expect(await left.getAttribute('data-code')).toBe('')
    expect(await left.textContent()).toContain('请')
    await desk.shot('b-roster-07-substitute')
    await page.getByTestId('roster-grid').screenshot({ path: path.join(SHOTS, 'b-roster-08-grid-detail.png') })
    await sub.locator('.roster-code').hover()
    await expect.poll(() => page.locator('.ant-tooltip:visible').textContent()).toContain('原排 李娜')

    const view = await callOk(desk.core, 'roster.get', { month: next }, admin)
    expect(view.slots.find((s) => s.date === day10 && s.shiftCode === 'middle' && s.staffId === ids.Q2)).toMatchObject({ plannedStaffName: '李娜' })
  })
})
