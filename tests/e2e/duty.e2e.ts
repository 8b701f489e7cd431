import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { callOk } from '../../electron/core/app'
import { pdfText, pdfToPng } from '../helpers/pdf'
import { siteAroundNow } from './dutySite'
import { openDesk, SHOTS, type Desk } from './harness'

let desk: Desk

async function addEntry(kind: string, content: string, opts: { unit?: string; status?: string; escalateTo?: string; action?: string } = {}) {
  const { page } = desk
  const form = page.getByTestId('log-entry-form')
  await form.getByLabel('类型').click()
  await page.locator('.ant-select-dropdown:visible').getByText(kind, { exact: true }).click()
  if (opts.unit) {
    await form.getByLabel('房屋').fill(opts.unit)
    await page.locator('.ant-select-item-option', { hasText: '3栋2单元1502' }).last().click()
  }
  if (opts.status) await form.getByText(opts.status, { exact: true }).click()
  if (opts.escalateTo) {
    await form.getByLabel('上报给').click()
    await page.locator('.ant-select-dropdown:visible').getByText(opts.escalateTo, { exact: true }).click()
  }
  if (opts.action) await page.getByTestId('log-action').fill(opts.action)
  await page.getByTestId('log-content').fill(content)
  await page.getByTestId('log-content').press('Enter')
  await expect.poll(() => page.getByTestId('shift-entries').textContent()).toContain(content)
}

beforeAll(async () => {
  desk = await openDesk()
  await siteAroundNow(desk)
})
afterAll(async () => desk?.close())

describe('B · a full day at the desk', () => {
  it('clerk A starts duty and logs events: one pending item and one escalation', async () => {
    const { page } = desk
    await page.goto(desk.url)
    await desk.login('Q1')
    await page.getByTestId('start-duty').click()
    await expect.poll(() => page.getByTestId('duty-status').textContent()).toContain('值班中')
    await addEntry('来电', '业主咨询物业费缴纳方式', { action: '已解答' })
    await addEntry('报修', '厨房水管漏水,工程部明早上门', { unit: '3-2-1502', status: '待跟进', action: '已开维修单转工程部' })
    await addEntry('投诉', '业主投诉楼上装修噪音超时', { unit: '1502', status: '已上报', escalateTo: '客服主管' })
    await desk.shot('b01-duty-desk')
  })

  it('kind 报修 in the log form: a hint (not a refusal) leads to 报修 with what was typed carried over', async () => {
    const { page } = desk
    const form = page.getByTestId('log-entry-form')
    const hint = page.getByTestId('log-kind-hint')
    expect(await hint.count()).toBe(0) // 来电: no hint
    await form.getByLabel('类型').click()
    await page.locator('.ant-select-dropdown:visible').getByText('报修', { exact: true }).click()
    await expect.poll(() => hint.textContent()).toContain('报修请在「报修」登记,会自动记入值班记录')
    // A plain log entry of kind 报修 still saves (the first test saved one): the save button is not blocked.
    expect(await page.getByTestId('log-save').isDisabled()).toBe(false)
    await form.locator('#person').fill('刘女士')
    await page.getByTestId('log-content').fill('卫生间地漏反水')
    await desk.shot('b01b-log-kind-hint')
    // Keyboard: the hint's button is reached by Tab after the fields, Enter presses it (not the save).
    await page.getByTestId('log-kind-hint-open').focus()
    await page.keyboard.press('Enter')
    await expect.poll(() => page.evaluate(() => location.hash)).toBe('#/repairs')
    const repair = page.getByTestId('repair-form')
    await expect.poll(() => repair.locator('#repair_content').inputValue()).toBe('卫生间地漏反水')
    expect(await repair.locator('#repair_contactName').inputValue()).toBe('刘女士')
    await desk.shot('b01c-repair-carried-over')
    // Nothing was logged by hand: the log still holds the three entries of the first test.
    const q1 = (await callOk(desk.core, 'auth.login', { staffNo: 'Q1', pin: '1234' })).token
    expect((await callOk(desk.core, 'log.list', {}, q1)).rows.filter((e) => e.content.includes('地漏'))).toEqual([])
    await page.getByRole('menuitem', { name: '值班台' }).click()
    await form.getByLabel('类型').click()
    await page.locator('.ant-select-dropdown:visible').getByText('投诉', { exact: true }).click()
    await expect.poll(() => hint.textContent()).toContain('投诉请在「投诉」登记')
    await form.getByLabel('类型').click()
    await page.locator('.ant-select-dropdown:visible').getByText('来电', { exact: true }).click()
    await expect.poll(() => hint.count()).toBe(0)
  })

  it('hands over to clerk B: count difference explained, pending item acknowledged, both sign', async () => {
    const { page } = desk
    await page.getByTestId('go-handover').click()
    await page.getByTestId('start-handover').click()
    await expect.poll(() => page.getByTestId('handover-incoming').isVisible()).toBe(true)
    const inc = page.getByTestId('handover-incoming')
    await inc.getByLabel('接班人工号').fill('Q2')
    await inc.getByLabel('接班人PIN').fill('1234')
    await inc.getByRole('button', { name: '接班人登录' }).click()
    // Every open item (the pending one and the escalated one), acknowledged one by one.
    await expect.poll(() => page.getByTestId('ack-pending').count()).toBe(2)
    for (const left of [1, 0]) {
      await page.getByTestId('ack-pending').first().click()
      await expect.poll(() => page.getByTestId('ack-pending').count()).toBe(left)
    }
    // The desk check: all fine.
    const checklist = page.getByTestId('handover-checklist')
    const rows = await checklist.locator('tbody tr').count()
    for (let i = 0; i < rows; i++) {
      await checklist.locator('tbody tr').nth(i).getByText('符合', { exact: true }).click()
      await page.waitForTimeout(150)
    }
    // Counts: both sides count; the incoming clerk finds one radio fewer.
    const site = await callOk(desk.core, 'site.get', {}, (await callOk(desk.core, 'auth.login', { staffNo: 'admin', pin: '246810' })).token)
    for (const item of site.custodyItems) {
      const expected = item.unit === 'fen' ? item.expected / 100 : item.expected
      for (const side of ['outgoing', 'incoming'] as const) {
        const value = item.code === 'radio' && side === 'incoming' ? expected - 1 : expected
        const box = page.getByTestId(`count-${item.code}-${side}`)
        await box.fill(String(value))
        await box.blur()
        await page.waitForTimeout(200)
      }
    }
    await expect.poll(() => page.getByTestId('explain-radio').isVisible()).toBe(true)
    await desk.shot('b02-handover-difference')
    await page.getByTestId('explain-radio').fill('一台对讲机送修,维修单号 WX-1024')
    await page.getByTestId('explain-radio').blur()
    await expect.poll(() => page.getByTestId('handover-problems').count()).toBe(0)
    await page.getByLabel('交班人 李娜 PIN').fill('1234')
    await page.getByLabel('接班人 王芳 PIN').fill('1234')
    await desk.shot('b03-handover-ready')
    await page.getByTestId('sign-handover').click()
    await expect.poll(() => page.getByTestId('me').textContent()).toContain('王芳')
    await expect.poll(() => page.getByTestId('print-handover').isVisible()).toBe(true)
    await desk.shot('b04-handover-signed')
  })

  it('prints the handover record: names, counts and the difference, in Chinese', async () => {
    const { page } = desk
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('print-handover').click()])
    const file = path.join(SHOTS, 'b-handover.pdf')
    await download.saveAs(file)
    const text = (await pdfText(fs.readFileSync(file))).join('\n')
    for (const s of ['交接班记录表', '李娜', '王芳', '对讲机', '有差异', '一台对讲机送修', '厨房水管漏水', '已确认', '第 1 页']) expect(text).toContain(s)
    pdfToPng(file, path.join(SHOTS, 'b05-handover-pdf'), 60, false)
  })

  it('clerk B sees the carried item and closes it', async () => {
    const { page } = desk
    await page.getByRole('menuitem', { name: '值班台' }).click()
    const carried = page.getByTestId('carried-entries')
    await expect.poll(() => carried.textContent()).toContain('厨房水管漏水')
    await carried.getByRole('row', { name: /厨房水管漏水/ }).getByRole('button', { name: '关闭' }).click()
    await page.getByRole('dialog').getByLabel('处理结果').fill('工程部已修好,业主确认')
    await page.getByRole('dialog').getByRole('button', { name: '保存' }).click()
    await expect.poll(() => carried.textContent()).not.toContain('厨房水管漏水')
    await desk.shot('b06-carried-closed')
  })

  it('the supervisor sees the escalations and reviews the day', async () => {
    const { page } = desk
    await desk.login('S1')
    await page.getByRole('menuitem', { name: '主管工作台' }).click()
    const queue = page.getByTestId('escalation-queue')
    await expect.poll(() => queue.textContent()).toContain('装修噪音')
    expect(await queue.textContent()).toContain('对讲机')
    await page.getByRole('tab', { name: '每日审阅' }).click()
    const review = page.getByTestId('review-queue')
    await expect.poll(() => review.locator('tbody tr').count()).toBeGreaterThan(0)
    await review.getByRole('button', { name: '审阅' }).first().click()
    await page.getByRole('dialog').getByLabel('审阅意见').fill('记录完整,对讲机送修需跟进')
    await page.getByRole('dialog').getByRole('button', { name: '标记已审阅' }).click()
    await expect.poll(() => page.getByText('记录完整,对讲机送修需跟进').isVisible()).toBe(true)
    await expect.poll(() => page.getByRole('dialog').isVisible()).toBe(false)
    await desk.shot('b07-supervisor-review')
  })
})

describe('B · a signed handover changed behind the app’s back', () => {
  it('is detected and shown on the handover page', async () => {
    const { page } = desk
    await desk.core.db.tx(async (w) => {
      await w.exec('DROP TRIGGER handover_counts_signed_no_update')
      await w.run("UPDATE handover_counts SET incoming_count = 2 WHERE item_code = 'radio'")
    })
    await page.getByRole('menuitem', { name: '交接班' }).click()
    const history = page.getByTestId('handover-history')
    await history.getByRole('button', { name: '校验交接记录' }).click()
    await expect.poll(() => page.getByTestId('handover-verify').textContent()).toContain('被改动')
    expect(await page.getByTestId('handover-verify').textContent()).toContain('物品清点')
    await desk.shot('b08-handover-tampered')
  })
})
