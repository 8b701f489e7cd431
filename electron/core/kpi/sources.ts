import type { LogSourceKind } from '../../../shared/duty/kinds'
import { DEFAULT_KPI_TARGETS, type KpiComplaint, type KpiHomeService, type KpiRepair, type KpiTargets } from '../../../shared/reception/kpi'
import { complaintFacts } from '../complaint/read'
import { homeServiceKpiRows } from '../homeService/kpi'
import { repairSettings } from '../repair/settings'
import type { Reader } from '../db/connection'

const DAY = 86_400_000
const shiftless = '未记入班次'

/**
 * The shift each record was received in: the shift of its linked duty-log entry (one reception record,
 * no double entry). The entry is made in the same transaction as the record, so it lies in the period
 * (a day's margin either side for clock skew between terminals).
 */
async function shiftsOf(r: Reader, kind: LogSourceKind, fromIso: string, toIso: string): Promise<Map<string, string>> {
  const from = new Date(Date.parse(fromIso) - DAY).toISOString()
  const to = new Date(Date.parse(toIso) + DAY).toISOString()
  const rows = await r.all<{ id: string; shift: string }>(
    `SELECT e.source_id AS id, d.shift_name AS shift FROM log_entries e JOIN duty_shifts d ON d.id = e.shift_id
      WHERE e.at >= ? AND e.at < ? AND e.source_kind = ? AND e.corrects_id IS NULL AND e.deleted_at IS NULL`,
    [from, to, kind],
  )
  return new Map(rows.map((x) => [x.id, x.shift]))
}

/** Complaints received in the period: handled once a result is recorded; valid as the supervisor decided. */
async function complaints(r: Reader, fromIso: string, toIso: string): Promise<KpiComplaint[]> {
  const [facts, shifts] = await Promise.all([complaintFacts(r, fromIso, toIso), shiftsOf(r, 'complaint', fromIso, toIso)])
  return facts.map((c) => ({ id: c.id, label: c.serial, shift: shifts.get(c.id) ?? shiftless, receivedAt: c.receivedAt, handledAt: c.resultAt, valid: c.valid }))
}

/**
 * Repair orders received in the period: the earliest fact of each step (two terminals may record the
 * same step offline), and the order's own due instants. A call-back counts once the owner was reached.
 */
async function repairs(r: Reader, fromIso: string, toIso: string): Promise<KpiRepair[]> {
  const step = (s: string) => `(SELECT min(x.at) FROM repair_steps x WHERE x.order_id = o.id AND x.step = '${s}' AND x.deleted_at IS NULL)`
  const [rows, shifts] = await Promise.all([
    r.all<{ id: string; serial: string; urgent: number; receivedAt: string; forwardedAt: string | null; arrivedAt: string | null; doneAt: string | null; calledBackAt: string | null; forwardDueAt: string; onSiteDueAt: string | null; doneDueAt: string | null }>(
      `SELECT o.id, o.serial, o.urgent, o.received_at AS receivedAt, ${step('forward')} AS forwardedAt, ${step('arrive')} AS arrivedAt,
          ${step('complete')} AS doneAt, (SELECT min(x.at) FROM repair_steps x WHERE x.order_id = o.id AND x.step = 'callback' AND coalesce(x.reached, 1) = 1 AND x.deleted_at IS NULL) AS calledBackAt,
          o.forward_due_at AS forwardDueAt, o.on_site_due_at AS onSiteDueAt, o.done_due_at AS doneDueAt
         FROM repair_orders o WHERE o.received_at >= ? AND o.received_at < ? AND o.deleted_at IS NULL ORDER BY o.received_at, o.id`,
      [fromIso, toIso],
    ),
    shiftsOf(r, 'repair', fromIso, toIso),
  ])
  return rows.map((o) => ({ ...o, label: o.serial, urgent: !!o.urgent, shift: shifts.get(o.id) ?? shiftless }))
}

/** Home-service bookings of the period; one cancelled before its call-back needed none and is not counted. */
async function homeServices(r: Reader, p: KpiPeriod): Promise<KpiHomeService[]> {
  const rows = await homeServiceKpiRows(r, p.from, p.to, p.tz)
  return rows.filter((h) => !h.cancelled || h.calledBackAt).map((h) => ({ id: h.id, label: h.label, shift: h.shift || shiftless, bookedAt: h.bookedAt, calledBackAt: h.calledBackAt }))
}

/** The targets: the site's own repair clocks (报修设置), and seed 004's 2 hours and 5‰. */
async function targets(r: Reader): Promise<KpiTargets> {
  const s = await repairSettings(r)
  return { ...DEFAULT_KPI_TARGETS, forwardMinutes: s.forwardMinutes, urgentOnSiteMinutes: s.urgentOnSiteMinutes, urgentDoneHours: s.urgentDoneHours }
}

/** A period as the sources need it: the site's local days, its zone, and the same as UTC instants [fromIso, toIso). */
export interface KpiPeriod {
  from: string
  to: string
  tz: string
  fromIso: string
  toIso: string
}

export const kpiSources = {
  repairs: (r: Reader, p: KpiPeriod) => repairs(r, p.fromIso, p.toIso),
  complaints: (r: Reader, p: KpiPeriod) => complaints(r, p.fromIso, p.toIso),
  homeServices,
  targets,
}
