import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { pdfText } from '../helpers/pdf'
import { seedKpiMonth } from '../helpers/kpiMonth'
import { openDesk, type Desk, pollWithin } from './harness'

/**
 * Issue G · KPIs: the page for the seeded December (tests/helpers/kpiMonth.ts, rates worked out by hand
 * there): the figures, one opened to its records, per shift, and the monthly report downloaded.
 */
let desk: Desk
const poll = pollWithin(10_000)

beforeAll(async () => {
  const s = await seedKpiMonth()
  desk = await openDesk({ core: s.desk.core, dataDir: s.desk.dataDir })
  desk.page.on('pageerror', (e) => console.error('page error:', e.message))
  await desk.page.goto(desk.url)
}, 120_000)
afterAll(async () => desk?.close())

const rowOf = (name: string) => desk.page.getByTestId('kpi-table').locator('tbody tr', { hasText: name })

describe('G · service KPIs (服务指标)', () => {
  it('the clerk types the month and Enter: each rate as worked out by hand, red where missed', async () => {
    const { page } = desk
    await desk.login('Q1')
    await page.getByRole('menuitem', { name: '服务指标' }).click()
    await page.getByTestId('kpi-from').fill('2026-12-01')
    await page.getByTestId('kpi-from').press('Tab')
    await page.keyboard.type('2026-12-31')
    await page.keyboard.press('Enter')
    await poll(() => page.getByTestId('kpi-summary').textContent()).toContain('2026-12-01 至 2026-12-31(31天) · 入住户数 4 · 报修 4 单 · 投诉 3 件 · 家居服务 2 次')
    const expected: Array<[string, string, string]> = [
      ['投诉处理率', '2 / 3', '66.7%'],
      ['维修服务回访率', '2 / 3', '66.7%'],
      ['急修15分钟到场率', '1 / 2', '50%'],
      ['急修8小时完成率', '1 / 2', '50%'],
      ['3分钟转单率', '2 / 4', '50%'],
      ['家居服务2小时回访率', '1 / 2', '50%'],
      ['住户年有效投诉率', '1 / 4', '2943.55‰'],
    ]
    for (const [name, count, rate] of expected) {
      const text = await rowOf(name).textContent()
      expect(text, name).toContain(count)
      expect(text, name).toContain(rate)
      expect(text, name).toContain('未达标')
    }
    await poll(() => page.getByTestId('kpi-shifts').locator('tbody tr').allTextContents()).toHaveLength(2)
    const shifts = await page.getByTestId('kpi-shifts').locator('tbody tr').allTextContents()
    expect(shifts[0]).toMatch(/^早班/)
    expect(shifts[1]).toMatch(/^晚班0%\(0\/1\)—\(0\/0\)/)
    expect(await page.getByTestId('kpi-chart').locator('g').count()).toBe(6)
    await desk.shot('g-kpi-month')
  })

  it('a figure opens to the records behind it: the orders that missed the 3 minutes, and those in time', async () => {
    const { page } = desk
    await page.getByTestId('kpi-open-forwardInTime').click()
    const drawer = page.getByTestId('kpi-drawer')
    await poll(() => drawer.getByTestId('kpi-bad').allTextContents()).toEqual(['WX-2026-0002', 'WX-2026-0004'])
    expect(await drawer.getByTestId('kpi-good').allTextContents()).toEqual(['WX-2026-0001', 'WX-2026-0003'])
    await desk.shot('g-kpi-records')
    await page.keyboard.press('Escape')
  })

  it('a month with no records shows 0 / 0 and —, not 100%; a reversed period is refused at its field', async () => {
    const { page } = desk
    await page.getByTestId('kpi-from').fill('2026-11-01')
    await page.getByTestId('kpi-to').fill('2026-11-30')
    await page.getByTestId('kpi-to').press('Enter')
    await poll(() => page.getByTestId('kpi-summary').textContent()).toContain('报修 0 单')
    // 达标/总数, 结果, 判定: nothing counted is no rate and no verdict (承诺 stays 100%).
    const cells = await rowOf('3分钟转单率').locator('td').allTextContents()
    expect([cells[2], cells[3], cells[4], cells[5]]).toEqual(['0 / 0', '—', '100%', '无记录'])
    await page.getByTestId('kpi-to').fill('2026-10-01')
    await page.getByTestId('kpi-to').press('Enter')
    await poll(() => page.locator('.ant-form-item-explain-error').allTextContents()).toContain('结束日期不能早于开始日期')
    expect(await page.getByTestId('kpi-summary').textContent()).toContain('2026-11-01 至 2026-11-30')
  })

  it('prints the monthly report (A4, tables and chart)', async () => {
    const { page } = desk
    await page.getByTestId('kpi-from').fill('2026-12-01')
    await page.getByTestId('kpi-to').fill('2026-12-31')
    await page.getByTestId('kpi-to').press('Enter')
    await poll(() => page.getByTestId('kpi-summary').textContent()).toContain('报修 4 单')
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('kpi-print').click()])
    expect(download.suggestedFilename()).toBe('客户服务指标-2026-12-01至2026-12-31.pdf')
    const file = await download.path()
    const text = (await pdfText((await import('node:fs')).readFileSync(file))).join('\n')
    for (const w of ['客户服务指标月度报告', '二、达标率图', '三、按班次', '2943.55‰', 'WX-2026-0004']) expect(text).toContain(w)
  })
})
