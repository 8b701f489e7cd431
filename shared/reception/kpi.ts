/**
 * The rates a site is judged by (seed 004), computed from the desk's own records as plain data. Pure:
 * the core reads the records of a period, the KPI page and the monthly report show the same figures.
 *
 * A figure is a count over a count; with nothing to count it is "0 / 0" and its rate is null (shown as
 * "—"), never 100%. Each figure carries the records behind it, split into those that met the target and
 * those that did not, so a clerk can open any number to its rows.
 */

export interface KpiRepair {
  id: string
  label: string
  shift: string
  urgent: boolean
  receivedAt: string
  forwardedAt: string | null
  arrivedAt: string | null
  doneAt: string | null
  calledBackAt: string | null
  /**
   * The order's own due instants, fixed when it was saved (a later change of the site's clocks never
   * moves them): when given, the order is judged by them, so the KPI agrees with the breaches on it.
   */
  forwardDueAt?: string | null
  onSiteDueAt?: string | null
  doneDueAt?: string | null
}

export interface KpiComplaint {
  id: string
  label: string
  shift: string
  receivedAt: string
  /** Handled: a result recorded (处理完毕). */
  handledAt: string | null
  /** Decided valid by the supervisor (有效投诉); null while undecided. */
  valid: boolean | null
}

export interface KpiHomeService {
  id: string
  label: string
  shift: string
  bookedAt: string
  calledBackAt: string | null
}

export interface KpiTargets {
  forwardMinutes: number
  urgentOnSiteMinutes: number
  urgentDoneHours: number
  homeServiceCallBackMinutes: number
  /** Valid complaints per thousand households a year (≤ 5‰). */
  validPerMilleYear: number
}

export const DEFAULT_KPI_TARGETS: KpiTargets = { forwardMinutes: 3, urgentOnSiteMinutes: 15, urgentDoneHours: 8, homeServiceCallBackMinutes: 120, validPerMilleYear: 5 }

export type KpiCode = 'complaintHandled' | 'repairCallBack' | 'urgentOnSite' | 'urgentDone' | 'forwardInTime' | 'homeServiceCallBack' | 'validComplaints'

export interface KpiRef {
  id: string
  label: string
}

export interface KpiFigure {
  code: KpiCode
  name: string
  /** What is counted, in words (the figure's 测定依据). */
  basis: string
  target: string
  met: number
  of: number
  /** met / of, or null when of = 0. For validComplaints: valid complaints per thousand households a year. */
  rate: number | null
  /** Whether the figure meets its target; null when there is nothing to judge. */
  ok: boolean | null
  good: KpiRef[]
  bad: KpiRef[]
}

const within = (from: string, to: string | null, minutes: number, dueAt?: string | null) =>
  to != null && (dueAt ? Date.parse(to) <= Date.parse(dueAt) : Date.parse(to) - Date.parse(from) <= minutes * 60_000)

function ratio(code: KpiCode, name: string, basis: string, target: string, goal: number, rows: Array<{ ref: KpiRef; ok: boolean }>): KpiFigure {
  const good = rows.filter((r) => r.ok).map((r) => r.ref)
  const bad = rows.filter((r) => !r.ok).map((r) => r.ref)
  const of = rows.length
  const rate = of === 0 ? null : good.length / of
  return { code, name, basis, target, met: good.length, of, rate, ok: rate == null ? null : rate >= goal, good, bad }
}

const ref = (r: { id: string; label: string }): KpiRef => ({ id: r.id, label: r.label })

export interface KpiInput {
  repairs: KpiRepair[]
  complaints: KpiComplaint[]
  homeServices: KpiHomeService[]
  /** Occupied units in the registry. */
  households: number
  /** Days in the period, to put the valid-complaint count on a yearly footing. */
  periodDays: number
  targets: KpiTargets
  /** The site's shifts in the day's order (早班, 中班, 晚班 …); shifts not in it follow by name. */
  shiftOrder?: string[]
}

/** The figures for one set of records (a period, or one shift of it). */
export function kpiFigures(i: KpiInput): KpiFigure[] {
  const t = i.targets
  const urgent = i.repairs.filter((r) => r.urgent)
  const done = i.repairs.filter((r) => r.doneAt)
  const valid = i.complaints.filter((c) => c.valid === true)
  const perMille = i.households > 0 && i.periodDays > 0 ? (valid.length / i.households) * 1000 * (365 / i.periodDays) : null
  return [
    ratio('complaintHandled', '投诉处理率', '已处理投诉数 / 投诉总数', '100%', 1, i.complaints.map((c) => ({ ref: ref(c), ok: c.handledAt != null }))),
    ratio('repairCallBack', '维修服务回访率', '已回访维修数 / 已完工维修数', '100%', 1, done.map((r) => ({ ref: ref(r), ok: r.calledBackAt != null }))),
    ratio('urgentOnSite', `急修${t.urgentOnSiteMinutes}分钟到场率`, `${t.urgentOnSiteMinutes}分钟内到场的急修数 / 急修总数`, '100%', 1, urgent.map((r) => ({ ref: ref(r), ok: within(r.receivedAt, r.arrivedAt, t.urgentOnSiteMinutes, r.onSiteDueAt) }))),
    ratio('urgentDone', `急修${t.urgentDoneHours}小时完成率`, `${t.urgentDoneHours}小时内完成的急修数 / 急修总数`, '100%', 1, urgent.map((r) => ({ ref: ref(r), ok: within(r.receivedAt, r.doneAt, t.urgentDoneHours * 60, r.doneDueAt) }))),
    ratio('forwardInTime', `${t.forwardMinutes}分钟转单率`, `${t.forwardMinutes}分钟内转工程部的报修数 / 报修总数`, '100%', 1, i.repairs.map((r) => ({ ref: ref(r), ok: within(r.receivedAt, r.forwardedAt, t.forwardMinutes, r.forwardDueAt) }))),
    ratio('homeServiceCallBack', '家居服务2小时回访率', `${t.homeServiceCallBackMinutes}分钟内回访的预约数 / 预约总数`, '100%', 1, i.homeServices.map((h) => ({ ref: ref(h), ok: within(h.bookedAt, h.calledBackAt, t.homeServiceCallBackMinutes) }))),
    {
      code: 'validComplaints',
      name: '住户年有效投诉率',
      basis: `有效投诉数 / 总户数 × 1000‰(按${i.periodDays}天折算全年)`,
      target: `≤ ${t.validPerMilleYear}‰`,
      met: valid.length,
      of: i.households,
      rate: perMille,
      ok: perMille == null ? null : perMille <= t.validPerMilleYear,
      good: [],
      bad: valid.map(ref),
    },
  ]
}

/** The figures for the whole period and for each shift (by the shift the record was received in). */
export function kpiReport(i: KpiInput): { all: KpiFigure[]; byShift: Array<{ shift: string; figures: KpiFigure[] }> } {
  const order = i.shiftOrder ?? []
  const rank = (x: string) => (order.includes(x) ? order.indexOf(x) : order.length)
  const shifts = [...new Set([...i.repairs, ...i.complaints, ...i.homeServices].map((r) => r.shift))].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0))
  return {
    all: kpiFigures(i),
    byShift: shifts.map((shift) => ({
      shift,
      figures: kpiFigures({
        ...i,
        repairs: i.repairs.filter((r) => r.shift === shift),
        complaints: i.complaints.filter((r) => r.shift === shift),
        homeServices: i.homeServices.filter((r) => r.shift === shift),
      }),
    })),
  }
}

/** "97.5%", "2.40‰", or "—" for nothing to count. */
export function kpiRateLabel(f: Pick<KpiFigure, 'code' | 'rate'>): string {
  if (f.rate == null) return '—'
  if (f.code === 'validComplaints') return `${f.rate.toFixed(2)}‰`
  return `${(Math.round(f.rate * 1000) / 10).toString()}%`
}
