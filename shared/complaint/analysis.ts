import { localDate } from '../time/zone'
import { recurringCauses, type RecurringGroup } from './recurring'
import type { ComplaintRow } from './schema'

/** One bar of a chart: a label and how many complaints (and how many of them valid). */
export interface Bar {
  label: string
  count: number
  valid: number
}

export interface ComplaintAnalysis {
  total: number
  major: number
  valid: number
  /** Decided neither way yet by the supervisor. */
  undecided: number
  closed: number
  byCategory: Bar[]
  byDepartment: Bar[]
  byBuilding: Bar[]
  byMonth: Bar[]
  recurring: RecurringGroup[]
  recurDays: number
}

/** Names in natural order: 2栋 before 10栋. */
const byName = (a: string, b: string) => a.localeCompare(b, 'zh-CN', { numeric: true })

/** Counts per label, largest first (months in calendar order). */
function bars(rows: readonly ComplaintRow[], labelOf: (r: ComplaintRow) => string, byLabel = false): Bar[] {
  const m = new Map<string, Bar>()
  for (const r of rows) {
    const label = labelOf(r)
    const b = m.get(label) ?? { label, count: 0, valid: 0 }
    b.count += 1
    if (r.valid) b.valid += 1
    m.set(label, b)
  }
  const list = [...m.values()]
  return byLabel ? list.sort((a, b) => byName(a.label, b.label)) : list.sort((a, b) => b.count - a.count || byName(a.label, b.label))
}

/** The periodic analysis (投诉分析): by category, department, building and month (the site's months), and recurring causes. */
export function analyseComplaints(rows: readonly ComplaintRow[], timeZone: string, recurDays: number): ComplaintAnalysis {
  return {
    total: rows.length,
    major: rows.filter((r) => r.severity === 'major').length,
    valid: rows.filter((r) => r.valid === true).length,
    undecided: rows.filter((r) => r.valid === null).length,
    closed: rows.filter((r) => r.closedAt).length,
    byCategory: bars(rows, (r) => r.category),
    byDepartment: bars(rows, (r) => r.department),
    byBuilding: bars(rows, (r) => (r.building ? `${r.building}栋` : '未关联房屋')),
    byMonth: bars(rows, (r) => localDate(r.receivedAt, timeZone).slice(0, 7), true),
    recurring: recurringCauses(rows, recurDays),
    recurDays,
  }
}
