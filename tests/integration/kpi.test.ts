import fs from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import { callOk } from '../../electron/core/app'
import { kpiRateLabel } from '../../shared/reception/kpi'
import type { DutyDesk } from '../helpers/duty'
import { expectRefused } from '../helpers/duty'
import { seedKpiMonth } from '../helpers/kpiMonth'
import { pdfText } from '../helpers/pdf'

let desk: DutyDesk
afterEach(async () => desk?.core.close())

const DECEMBER = { from: '2026-12-01', to: '2026-12-31' }

describe('KPIs from the desk’s own records (seed 004)', () => {
  it('the hand-worked month: each rate, the records behind it, per shift, and the printed report', async () => {
    const s = await seedKpiMonth()
    desk = s.desk
    const v = await callOk(desk.core, 'kpi.report', DECEMBER, s.q1)
    expect([v.households, v.periodDays, v.counts]).toEqual([4, 31, { repairs: 4, complaints: 3, homeServices: 2 }])
    const f = Object.fromEntries(v.all.map((x) => [x.code, x]))
    const show = (c: string) => [f[c].met, f[c].of, kpiRateLabel(f[c])]
    expect(show('forwardInTime')).toEqual([2, 4, '50%'])
    expect(show('urgentOnSite')).toEqual([1, 2, '50%'])
    expect(show('urgentDone')).toEqual([1, 2, '50%'])
    expect(show('repairCallBack')).toEqual([2, 3, '66.7%'])
    expect(show('complaintHandled')).toEqual([2, 3, '66.7%'])
    expect(show('homeServiceCallBack')).toEqual([1, 2, '50%'])
    // 1 valid complaint, 4 households, 31 days: 1/4 × 1000 × 365/31 = 2943.55‰ a year.
    expect(kpiRateLabel(f.validComplaints)).toBe('2943.55‰')
    expect(f.forwardInTime.bad.map((r) => r.label)).toEqual(['WX-2026-0002', 'WX-2026-0004'])
    expect(f.urgentOnSite.bad.map((r) => r.id)).toEqual([s.repairs.R2])
    expect(f.repairCallBack.bad.map((r) => r.id)).toEqual([s.repairs.R2])
    expect(v.byShift.map((x) => x.shift)).toEqual(['早班', '晚班'])
    const mid = Object.fromEntries(v.byShift[1].figures.map((x) => [x.code, x]))
    expect([mid.complaintHandled.met, mid.complaintHandled.of, mid.forwardInTime.of, mid.forwardInTime.rate]).toEqual([0, 1, 0, null])
    const pdf = Buffer.from((await callOk(desk.core, 'kpi.print', DECEMBER, s.q1)).pdfBase64, 'base64')
    fs.mkdirSync('test-results/screenshots', { recursive: true })
    fs.writeFileSync('test-results/screenshots/kpi-report.pdf', pdf)
    const text = (await pdfText(pdf)).join('\n')
    for (const w of ['客户服务指标月度报告', '2026-12-01 至 2026-12-31', '3分钟转单率', '50%', '66.7%', '2943.55‰', '未达标', 'WX-2026-0004', '早班', '晚班']) expect(text).toContain(w)
  })

  it('a month with no records shows 0 of 0 and no rate, never 100%; a bad period is refused naming the field', async () => {
    const s = await seedKpiMonth()
    desk = s.desk
    const v = await callOk(desk.core, 'kpi.report', { from: '2026-11-01', to: '2026-11-30' }, s.q1)
    for (const f of v.all.filter((x) => x.code !== 'validComplaints')) expect([f.met, f.of, f.rate, f.ok, kpiRateLabel(f)]).toEqual([0, 0, null, null, '—'])
    expect(v.byShift).toEqual([])
    expectRefused(await desk.core.call('kpi.report', { from: '2026-12-31', to: '2026-12-01' }, s.q1), 'INVALID_INPUT', 'to', '结束日期不能早于开始日期')
    expectRefused(await desk.core.call('kpi.report', { from: '2025-01-01', to: '2026-12-31' }, s.q1), 'INVALID_INPUT', 'to', '统计期间不能超过一年')
    expectRefused(await desk.core.call('kpi.report', { from: '2026-02-30', to: '2026-03-01' }, s.q1), 'INVALID_INPUT', 'from', '不是有效日期')
  })

  it('the site’s own stricter clock (5 minutes on site) is the target; each order keeps the clock it was saved with', async () => {
    const s = await seedKpiMonth()
    desk = s.desk
    const settings = await callOk(desk.core, 'repair.settings', {}, s.admin)
    await callOk(desk.core, 'repair.saveSettings', { ...settings, urgentOnSiteMinutes: 5 }, s.admin)
    const v = await callOk(desk.core, 'kpi.report', DECEMBER, s.q1)
    const onSite = v.all.find((x) => x.code === 'urgentOnSite')!
    expect(onSite.name).toBe('急修5分钟到场率')
    // R1 arrived after 10 minutes but was saved with the 15-minute clock: it met its own clock.
    expect([onSite.met, onSite.of]).toEqual([1, 2])
  })
})
