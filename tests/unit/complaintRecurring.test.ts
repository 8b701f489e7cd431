import { describe, expect, it } from 'vitest'
import { recurringCauses, type RecurringItem } from '../../shared/complaint/recurring'
import { closeBlockers } from '../../shared/complaint/rules'

let n = 0
const item = (receivedAt: string, unit: string | null, category: string): RecurringItem => {
  n += 1
  return { id: `id${n}`, serial: `TS-${n}`, receivedAt, unitId: unit, unitLabel: unit ? `房${unit}` : null, category }
}

describe('recurring causes (same unit or same category within N days)', () => {
  it('exactly N days apart counts as within; a minute more does not', () => {
    n = 0
    const within = [item('2026-12-01T00:00:00.000Z', 'a', '噪音'), item('2026-12-31T00:00:00.000Z', 'a', '卫生')]
    expect(recurringCauses(within, 30).map((g) => [g.by, g.label, g.serials])).toEqual([['unit', '房a', ['TS-1', 'TS-2']]])
    const beyond = [item('2026-12-01T00:00:00.000Z', 'a', '噪音'), item('2026-12-31T00:01:00.000Z', 'a', '卫生')]
    expect(recurringCauses(beyond, 30)).toEqual([])
  })

  it('a chain whose steps are each within N days is one run, even when first and last are further apart; a gap splits runs', () => {
    n = 0
    const list = [
      item('2026-01-01T00:00:00.000Z', null, '噪音'),
      item('2026-01-06T00:00:00.000Z', null, '噪音'),
      item('2026-01-11T00:00:00.000Z', null, '噪音'),
      item('2026-03-01T00:00:00.000Z', null, '噪音'),
      item('2026-03-02T00:00:00.000Z', null, '噪音'),
    ]
    expect(recurringCauses(list, 7).map((g) => [g.count, g.serials])).toEqual([
      [3, ['TS-1', 'TS-2', 'TS-3']],
      [2, ['TS-4', 'TS-5']],
    ])
  })

  it('complaints without a unit never group by unit; different units and categories do not mix; input order does not matter', () => {
    n = 0
    const list = [item('2026-01-02T00:00:00.000Z', 'b', '卫生'), item('2026-01-01T00:00:00.000Z', null, '噪音'), item('2026-01-01T00:00:00.000Z', 'a', '停车'), item('2026-01-03T00:00:00.000Z', null, '绿化')]
    expect(recurringCauses(list, 30)).toEqual([])
    const again = [item('2026-01-05T00:00:00.000Z', 'a', '停车'), ...list]
    const g = recurringCauses(again, 30)
    expect(g.map((x) => [x.by, x.label, x.serials, x.first, x.last])).toEqual([
      ['category', '停车', ['TS-3', 'TS-5'], '2026-01-01T00:00:00.000Z', '2026-01-05T00:00:00.000Z'],
      ['unit', '房a', ['TS-3', 'TS-5'], '2026-01-01T00:00:00.000Z', '2026-01-05T00:00:00.000Z'],
    ])
  })
})

describe('closing a complaint needs a result and a call-back after it', () => {
  it('names what is missing, in order', () => {
    expect(closeBlockers({ resultAt: null, callBackAt: null, closedAt: null }).map((b) => b.field)).toEqual(['result', 'callBack'])
    expect(closeBlockers({ resultAt: '2026-01-01T01:00:00Z', callBackAt: null, closedAt: null }).map((b) => b.field)).toEqual(['callBack'])
    expect(closeBlockers({ resultAt: '2026-01-01T02:00:00Z', callBackAt: '2026-01-01T01:00:00Z', closedAt: null }).map((b) => b.field)).toEqual(['callBack'])
    expect(closeBlockers({ resultAt: '2026-01-01T01:00:00Z', callBackAt: '2026-01-01T01:00:00Z', closedAt: null })).toEqual([])
    expect(closeBlockers({ resultAt: '2026-01-01T01:00:00Z', callBackAt: '2026-01-01T02:00:00Z', closedAt: '2026-01-01T03:00:00Z' }).map((b) => b.field)).toEqual(['complaintId'])
  })
})

describe('the analysis counts', () => {
  it('by building in natural order when counts tie; months in the site’s zone and calendar order; valid counted apart', async () => {
    const { analyseComplaints } = await import('../../shared/complaint/analysis')
    const row = (receivedAt: string, building: string | null, valid: boolean | null) =>
      ({ id: receivedAt + building, serial: 's', receivedAt, unitId: null, unitLabel: null, building, category: '噪音', department: '工程部', severity: 'normal', valid, closedAt: null }) as never
    const a = analyseComplaints(
      [row('2026-01-31T16:30:00.000Z', '10', true), row('2026-01-10T00:00:00.000Z', '2', null), row('2026-03-01T00:00:00.000Z', null, false)],
      'Asia/Shanghai',
      30,
    )
    expect(a.byBuilding.map((b) => b.label)).toEqual(['2栋', '10栋', '未关联房屋'])
    // 2026-01-31 16:30 UTC is February 1st in Shanghai.
    expect(a.byMonth).toEqual([
      { label: '2026-01', count: 1, valid: 0 },
      { label: '2026-02', count: 1, valid: 1 },
      { label: '2026-03', count: 1, valid: 0 },
    ])
    expect([a.total, a.valid, a.undecided]).toEqual([3, 1, 1])
  })
})
