import { describe, expect, it } from 'vitest'
import { DEFAULT_KPI_TARGETS, kpiFigures, kpiRateLabel, kpiReport, type KpiInput } from '../../shared/reception/kpi'

/** November 2026 at a 400-household site, worked out by hand below each record. */
const d = (day: number, hm: string) => `2026-11-${String(day).padStart(2, '0')}T${hm}:00.000Z`
const month: KpiInput = {
  households: 400,
  periodDays: 30,
  targets: DEFAULT_KPI_TARGETS,
  repairs: [
    // urgent: forwarded in 2 min, on site in 10, done in 4 h, called back → all good
    { id: 'R1', label: 'WX-2026-0001', shift: '早班', urgent: true, receivedAt: d(3, '01:00'), forwardedAt: d(3, '01:02'), arrivedAt: d(3, '01:10'), doneAt: d(3, '05:00'), calledBackAt: d(3, '06:00') },
    // urgent: forwarded in 5 min (late), on site in 20 (late), done in 9 h (late), no call-back
    { id: 'R2', label: 'WX-2026-0002', shift: '早班', urgent: true, receivedAt: d(4, '02:00'), forwardedAt: d(4, '02:05'), arrivedAt: d(4, '02:20'), doneAt: d(4, '11:00'), calledBackAt: null },
    // ordinary: forwarded at exactly 3 min (in time), done next day, called back
    { id: 'R3', label: 'WX-2026-0003', shift: '中班', urgent: false, receivedAt: d(10, '08:00'), forwardedAt: d(10, '08:03'), arrivedAt: null, doneAt: d(11, '03:00'), calledBackAt: d(11, '04:00') },
    // ordinary: never forwarded, not done
    { id: 'R4', label: 'WX-2026-0004', shift: '中班', urgent: false, receivedAt: d(20, '09:00'), forwardedAt: null, arrivedAt: null, doneAt: null, calledBackAt: null },
  ],
  complaints: [
    { id: 'C1', label: '噪音', shift: '早班', receivedAt: d(5, '01:00'), handledAt: d(6, '01:00'), valid: true },
    { id: 'C2', label: '保洁', shift: '中班', receivedAt: d(7, '08:00'), handledAt: d(7, '09:00'), valid: false },
    { id: 'C3', label: '停车', shift: '中班', receivedAt: d(28, '08:00'), handledAt: null, valid: null },
  ],
  homeServices: [
    { id: 'H1', label: '开锁', shift: '早班', bookedAt: d(8, '01:00'), calledBackAt: d(8, '02:30') },
    { id: 'H2', label: '疏通', shift: '早班', bookedAt: d(9, '03:00'), calledBackAt: d(9, '05:01') },
  ],
}

const byCode = (fs: ReturnType<typeof kpiFigures>) => Object.fromEntries(fs.map((f) => [f.code, f]))

describe('KPIs from the desk’s records (seed 004)', () => {
  it('a hand-worked month', () => {
    const f = byCode(kpiFigures(month))
    expect([f.forwardInTime.met, f.forwardInTime.of, kpiRateLabel(f.forwardInTime)]).toEqual([2, 4, '50%'])
    expect(f.forwardInTime.bad.map((r) => r.id)).toEqual(['R2', 'R4'])
    expect([f.urgentOnSite.met, f.urgentOnSite.of, f.urgentOnSite.ok]).toEqual([1, 2, false])
    expect([f.urgentDone.met, f.urgentDone.of]).toEqual([1, 2])
    expect([f.repairCallBack.met, f.repairCallBack.of, kpiRateLabel(f.repairCallBack)]).toEqual([2, 3, '66.7%'])
    expect([f.complaintHandled.met, f.complaintHandled.of, f.complaintHandled.bad.map((r) => r.id)]).toEqual([2, 3, ['C3']])
    expect([f.homeServiceCallBack.met, f.homeServiceCallBack.of, f.homeServiceCallBack.bad.map((r) => r.id)]).toEqual([1, 2, ['H2']])
    // 1 valid complaint in 30 days at 400 households: 1/400 × 1000 × 365/30 = 30.42‰ a year, over 5‰
    expect(kpiRateLabel(f.validComplaints)).toBe('30.42‰')
    expect(f.validComplaints.ok).toBe(false)
  })

  it('a period with no records shows 0 of 0 and no rate, never 100%', () => {
    const f = byCode(kpiFigures({ ...month, repairs: [], complaints: [], homeServices: [] }))
    for (const code of ['forwardInTime', 'urgentOnSite', 'urgentDone', 'repairCallBack', 'complaintHandled', 'homeServiceCallBack'] as const) {
      expect([f[code].met, f[code].of, f[code].rate, f[code].ok, kpiRateLabel(f[code])]).toEqual([0, 0, null, null, '—'])
    }
    expect(kpiRateLabel(f.validComplaints)).toBe('0.00‰')
    expect(kpiRateLabel(byCode(kpiFigures({ ...month, households: 0 })).validComplaints)).toBe('—')
  })

  it('an order is judged by its own due instants when it carries them (the clocks it was saved with)', () => {
    // R2 was saved when the site allowed 30 minutes on site: its arrival after 20 minutes met its own clock.
    const f = byCode(kpiFigures({ ...month, repairs: month.repairs.map((r) => (r.id === 'R2' ? { ...r, onSiteDueAt: d(4, '02:30') } : r)) }))
    expect([f.urgentOnSite.met, f.urgentOnSite.of]).toEqual([2, 2])
  })

  it('per shift, by the shift the record was received in', () => {
    expect(kpiReport(month).byShift.map((s) => s.shift)).toEqual(['中班', '早班'])
    const r = kpiReport({ ...month, shiftOrder: ['早班', '中班', '晚班'] })
    expect(r.byShift.map((s) => s.shift)).toEqual(['早班', '中班'])
    const mid = byCode(r.byShift[1].figures)
    expect([mid.forwardInTime.met, mid.forwardInTime.of]).toEqual([1, 2])
    expect([mid.urgentOnSite.of, mid.urgentOnSite.rate]).toEqual([0, null])
  })
})
