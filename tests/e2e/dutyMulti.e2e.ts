import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { callOk } from '../../electron/core/app'
import { setUpSite } from '../helpers/core'
import { Clock } from '../helpers/duty'
import { openDesk, type Desk } from './harness'

/**
 * Several clerks on duty as the seeds roster them (早班 07:30–15:30, 中班 09:30–17:30), the end of a
 * day without night duty, and the supervisor's own desk. The core runs on a test clock so the
 * desk can cross the night; the browser is the clerk's.
 */
let desk: Desk
const clock = new Clock('2026-11-20 09:00')
const token = async (staffNo: string) => (await callOk(desk.core, 'auth.login', { staffNo, pin: staffNo === 'admin' ? '246810' : '1234' })).token

beforeAll(async () => {
  desk = await openDesk({ now: clock.now })
  const admin = await setUpSite(desk.core)
  const ids: Record<string, string> = {}
  for (const [staffNo, name, roles] of [
    ['Q1', '李娜', ['clerk']],
    ['Q2', '王芳', ['clerk']],
    ['S1', '陈静', ['supervisor']],
  ] as const)
    ids[staffNo] = (await callOk(desk.core, 'staff.create', { staffNo, name, roles: [...roles], pin: '1234' }, admin)).id
  const cells = [
    { date: '2026-12-01', staffId: ids.Q1, shiftCode: 'early' },
    { date: '2026-12-01', staffId: ids.Q2, shiftCode: 'middle' },
    { date: '2026-12-02', staffId: ids.Q1, shiftCode: 'early' },
  ]
  await callOk(desk.core, 'roster.saveDraft', { month: '2026-12', cells }, admin)
  await callOk(desk.core, 'roster.publish', { month: '2026-12' }, admin)
})
afterAll(async () => desk?.close())

/** Ticks every checklist line 符合 (the component saves each click). */
async function checkAll() {
  const { page } = desk
  const checklist = page.getByTestId('handover-checklist')
  const rows = await checklist.locator('tbody tr').count()
  for (let i = 0; i < rows; i++) {
    await checklist.locator('tbody tr').nth(i).getByText('符合', { exact: true }).click()
    await page.waitForTimeout(150)
  }
}

/** Types each custody item's expected figure on one side. */
async function countSide(side: 'outgoing' | 'incoming') {
  const { page } = desk
  const site = await callOk(desk.core, 'site.get', {}, await token('admin'))
  for (const item of site.custodyItems) {
    const box = page.getByTestId(`count-${item.code}-${side}`)
    await box.fill(String(item.unit === 'fen' ? item.expected / 100 : item.expected))
    await box.blur()
    await page.waitForTimeout(200)
  }
}

async function ackAll() {
  const { page } = desk
  while ((await page.getByTestId('ack-pending').count()) > 0) {
    const n = await page.getByTestId('ack-pending').count()
    await page.getByTestId('ack-pending').first().click()
    await expect.poll(() => page.getByTestId('ack-pending').count()).toBe(n - 1)
  }
}

describe('D · two clerks on duty and a handover between them', () => {
  it('李娜 (早班) starts and holds the desk’s items; 王芳 (中班) starts her own duty beside her', async () => {
    const { page } = desk
    clock.set('2026-12-01 07:25')
    await page.goto(desk.url)
    await desk.login('Q1')
    await page.getByTestId('start-duty').click()
    await expect.poll(() => page.getByTestId('on-duty').textContent()).toContain('李娜 · 早班')
    expect(await page.getByTestId('duty-status').textContent()).toContain('我保管前台物品')
    clock.set('2026-12-01 09:10')
    await callOk(desk.core, 'log.add', { kind: 'repair', content: '3栋1502卫生间漏水,工程部下午上门', status: 'pending' }, await token('Q1'))

    clock.set('2026-12-01 09:25')
    await desk.login('Q2')
    await page.getByRole('menuitem', { name: '值班台' }).click()
    await page.getByTestId('start-duty').click()
    await expect.poll(() => page.getByTestId('on-duty').textContent()).toContain('王芳 · 中班')
    const onDuty = await page.getByTestId('on-duty').textContent()
    expect(onDuty).toContain('李娜 · 早班 07:30–15:30 · 保管前台物品')
    expect(onDuty).not.toContain('中班 09:30–17:30 · 保管')
    await callOk(desk.core, 'log.add', { kind: 'visit', content: '业主来取寄存钥匙,已核对身份', action: '已交还' }, await token('Q2'))
    await page.reload()
    await page.waitForTimeout(1000)
    await expect.poll(() => page.getByTestId('shift-entries').textContent()).toContain('寄存钥匙')
    expect(await page.getByTestId('shift-entries').textContent()).not.toContain('卫生间漏水')
    await desk.shot('d-multi-01-two-on-duty')
  })

  it('at 15:15 李娜 hands her open item and the desk’s items to 王芳, who is on duty', async () => {
    const { page } = desk
    clock.set('2026-12-01 15:15')
    await desk.login('Q1')
    await page.getByRole('menuitem', { name: '交接班' }).click()
    // Closing the desk is refused while 王芳 is still on duty.
    await expect.poll(() => page.getByTestId('start-day-close').isDisabled()).toBe(true)
    await desk.shot('d-multi-02a-handover-start')
    await page.getByTestId('start-handover').click()
    const inc = page.getByTestId('handover-incoming')
    await inc.getByLabel('接班人工号').fill('Q2')
    await inc.getByLabel('接班人PIN').fill('1234')
    await inc.getByRole('button', { name: '接班人登录' }).click()
    await expect.poll(() => page.getByTestId('handover-page').textContent()).toContain('在岗')
    await ackAll()
    await checkAll()
    await countSide('outgoing')
    await countSide('incoming')
    await expect.poll(() => page.getByTestId('handover-problems').count()).toBe(0)
    await page.getByLabel('交班人 李娜 PIN').fill('1234')
    await page.getByLabel('接班人 王芳 PIN').fill('1234')
    await desk.shot('d-multi-02-handover-to-colleague')
    await page.getByTestId('sign-handover').click()
    await expect.poll(() => page.getByTestId('me').textContent()).toContain('王芳')
    await expect.poll(() => page.getByTestId('handover-status').textContent()).toContain('已签名')
    await page.getByRole('menuitem', { name: '值班台' }).click()
    await expect.poll(() => page.getByTestId('on-duty').textContent()).toContain('王芳 · 中班 09:30–17:30 · 保管前台物品')
    expect(await page.getByTestId('on-duty').textContent()).not.toContain('李娜')
    await expect.poll(() => page.getByTestId('carried-entries').textContent()).toContain('卫生间漏水')
    await desk.shot('d-multi-03-custody-passed')
  })
})

describe('D · the end of the day and the next morning', () => {
  it('17:20 王芳, the last on duty, closes the desk alone', async () => {
    const { page } = desk
    clock.set('2026-12-01 17:20')
    await page.getByRole('menuitem', { name: '交接班' }).click()
    await page.getByTestId('start-day-close').click()
    await expect.poll(() => page.getByTestId('handover-status').isVisible()).toBe(true)
    expect(await page.getByTestId('handover-page').textContent()).toContain('闭店交接')
    await expect.poll(() => page.getByTestId('handover-checklist').locator('tbody tr').count()).toBeGreaterThan(0)
    expect(await page.getByTestId('handover-incoming').count()).toBe(0)
    await checkAll()
    await countSide('outgoing')
    // A closing counts the closer's column only: the incoming column shows its figure, no box to type in.
    for (const item of (await callOk(desk.core, 'site.get', {}, await token('admin'))).custodyItems) {
      expect(await page.getByTestId(`count-${item.code}-incoming`).count()).toBe(0)
      expect(await page.getByTestId(`count-${item.code}-incoming-shown`).textContent()).toBe('—')
      expect(await page.getByTestId(`count-${item.code}-outgoing`).isEditable()).toBe(true)
    }
    await desk.shot('d-multi-03b-closing-counts')
    await expect.poll(() => page.getByTestId('handover-problems').count()).toBe(0)
    await page.getByLabel('交班人 王芳 PIN').fill('1234')
    await page.getByTestId('sign-handover').click()
    await expect.poll(() => page.getByTestId('handover-status').textContent()).toContain('已闭店,待次日接收')
    // The closer sees her closing done, not the morning's acceptance form.
    await expect.poll(() => page.getByTestId('closed-waiting').isVisible()).toBe(true)
    expect(await page.getByTestId('handover-incoming').count()).toBe(0)
    expect(await page.getByTestId('sign-handover').count()).toBe(0)
    await desk.shot('d-multi-04-day-closed')
    // Overnight nothing is overdue.
    clock.set('2026-12-02 02:00')
    expect(await callOk(desk.core, 'shift.overdue', {}, await token('S1'))).toEqual([])
  })

  it('07:20 李娜 accepts the closing with her PIN, and her duty begins with the desk’s items', async () => {
    const { page } = desk
    clock.set('2026-12-02 07:20')
    await page.goto(desk.url + '#/duty')
    await desk.login('Q1')
    await page.getByRole('menuitem', { name: '值班台' }).click()
    await expect.poll(() => page.getByTestId('awaiting-close').textContent()).toContain('王芳')
    expect(await page.getByTestId('start-duty').count()).toBe(0)
    await desk.shot('d-multi-05-morning-awaiting')
    await page.getByTestId('accept-close').click()
    const inc = page.getByTestId('handover-incoming')
    await inc.getByLabel('接班人工号').fill('Q1')
    await inc.getByLabel('接班人PIN').fill('1234')
    await inc.getByRole('button', { name: '接班人登录' }).click()
    await expect.poll(() => page.getByTestId('handover-incoming').count()).toBe(0)
    await ackAll()
    // The morning's acceptance counts the incoming column; the closer's signed figures are shown only.
    for (const item of (await callOk(desk.core, 'site.get', {}, await token('admin'))).custodyItems) {
      expect(await page.getByTestId(`count-${item.code}-outgoing`).count()).toBe(0)
      expect(await page.getByTestId(`count-${item.code}-outgoing-shown`).textContent()).not.toBe('—')
    }
    await countSide('incoming')
    await expect.poll(() => page.getByTestId('handover-problems').count()).toBe(0)
    await page.getByLabel('接班人 李娜 PIN').fill('1234')
    await desk.shot('d-multi-06-morning-accept')
    await page.getByTestId('sign-handover').click()
    await expect.poll(() => page.getByTestId('handover-status').textContent()).toContain('已签名')
    await page.getByRole('menuitem', { name: '值班台' }).click()
    await expect.poll(() => page.getByTestId('on-duty').textContent()).toContain('李娜 · 早班 07:30–15:30 · 保管前台物品')
    expect(await page.getByTestId('awaiting-close').count()).toBe(0)
    await desk.shot('d-multi-07-morning-on-duty')
  })
})

describe('D · the supervisor lands on their own desk', () => {
  it('counts what waits (escalations, days to review, overdue, permits) and reviews a day with its entries', async () => {
    const { page } = desk
    clock.set('2026-12-02 08:30')
    await callOk(desk.core, 'log.add', { kind: 'complaint', content: '业主投诉楼上深夜噪音', status: 'escalated', escalateTo: 'supervisor' }, await token('Q1'))
    await desk.logout()
    await page.goto(desk.url)
    await desk.login('S1')
    await expect.poll(() => page.getByTestId('supervisor-page').isVisible()).toBe(true)
    await expect.poll(() => page.getByTestId('count-esc').textContent()).toContain('1')
    await expect.poll(() => page.getByTestId('count-review').textContent()).toMatch(/待审阅的日期\s*[12]/)
    expect(await page.getByTestId('count-overdue').textContent()).toContain('0')
    expect(await page.getByTestId('count-permits').textContent()).toContain('待我审批的证件')
    // The menu's 主管工作台 carries the number of things waiting: what the core counts for 陈静.
    const badge = page.getByRole('menuitem', { name: /主管工作台/ }).getByTestId('supervisor-badge')
    const waiting = async () => {
      const t = await token('S1')
      const [esc, review, overdue, permits] = await Promise.all([
        callOk(desk.core, 'escalation.queue', { to: 'supervisor' }, t),
        callOk(desk.core, 'review.queue', {}, t),
        callOk(desk.core, 'shift.overdue', {}, t),
        callOk(desk.core, 'permit.queue', {}, t),
      ])
      return esc.length + review.length + overdue.length + permits.length
    }
    const before = await waiting()
    expect(before).toBeGreaterThanOrEqual(2)
    await expect.poll(() => badge.locator('.ant-badge-count').getAttribute('title')).toBe(String(before))
    await desk.shot('d-multi-08-supervisor-desk')
    await page.getByTestId('count-review').click()
    const review = page.getByTestId('review-queue')
    await expect.poll(() => review.locator('tbody tr').count()).toBeGreaterThan(0)
    await review.getByRole('button', { name: '审阅' }).first().click()
    await expect.poll(() => page.getByTestId('review-entries').textContent()).toContain('卫生间漏水')
    expect(await page.getByTestId('review-entries').textContent()).toContain('寄存钥匙')
    await page.waitForTimeout(600) // the dialog's fade-in
    await desk.shot('d-multi-09-review-day')
    await page.getByRole('dialog').getByLabel('审阅意见').fill('记录完整')
    await page.getByRole('dialog').getByRole('button', { name: '标记已审阅' }).click()
    await expect.poll(() => page.getByRole('dialog').isVisible()).toBe(false)
    // One day reviewed: the badge counts one less.
    expect(await waiting()).toBe(before - 1)
    await expect.poll(() => badge.locator('.ant-badge-count').getAttribute('title')).toBe(String(before - 1))
    // Not selected, the label reads like the other items of the dark menu (not the body's dark text).
    await page.getByRole('menuitem', { name: '值班记录查询' }).click()
    const color = (l: ReturnType<typeof page.locator>) => l.evaluate((e) => getComputedStyle(e).color)
    await expect.poll(() => color(badge.locator('span').first())).toBe(await color(page.getByRole('menuitem', { name: '排班表' }).locator('.ant-menu-title-content')))
  })
})
