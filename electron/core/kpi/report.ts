import type { z } from 'zod'
import type { KpiReportView, kpiPeriodInput } from '../../../shared/kpi/api'
import { kpiReport } from '../../../shared/reception/kpi'
import { dayCount } from '../../../shared/time/calendar'
import { localDayRange } from '../../../shared/time/zone'
import type { Ctx } from '../context'
import type { Reader } from '../db/connection'
import { dutySettings } from '../duty/settings'
import { getSiteRow } from '../site/service'
import { kpiSources } from './sources'

/** Occupied units: those with a live resident in the registry (the households the ‰ is counted over). */
async function households(r: Reader): Promise<number> {
  const row = await r.get<{ n: number }>(
    `SELECT count(DISTINCT p.unit_id) AS n FROM residents p JOIN units u ON u.id = p.unit_id
      WHERE p.deleted_at IS NULL AND u.deleted_at IS NULL`,
  )
  return row?.n ?? 0
}

/**
 * The rates for a period of the site's local days: the records received in it (by the site's time
 * zone, not the PC's), read from the areas' own tables and judged by shared/reception/kpi.ts.
 */
export async function kpiReportOf(ctx: Ctx, p: z.output<typeof kpiPeriodInput>): Promise<KpiReportView> {
  const r = ctx.db.read
  const site = (await getSiteRow(r))!
  const range = localDayRange(p.from, p.to, site.timeZone)
  const period = { from: p.from, to: p.to, tz: site.timeZone, fromIso: range.from, toIso: range.to }
  const [repairs, complaints, homeServices, targets, hh] = await Promise.all([
    kpiSources.repairs(r, period),
    kpiSources.complaints(r, period),
    kpiSources.homeServices(r, period),
    kpiSources.targets(r),
    households(r),
  ])
  const periodDays = dayCount(p.from, p.to)
  const shiftOrder = (await dutySettings(r)).shifts.map((x) => x.name)
  const report = kpiReport({ repairs, complaints, homeServices, households: hh, periodDays, targets, shiftOrder })
  return {
    from: p.from,
    to: p.to,
    periodDays,
    households: hh,
    targets,
    counts: { repairs: repairs.length, complaints: complaints.length, homeServices: homeServices.length },
    ...report,
  }
}
