import { z } from 'zod'
import { method } from '../api/contract'
import type { PdfFile } from '../print/api'
import type { KpiFigure, KpiTargets } from '../reception/kpi'
import { DESK_ROLES } from '../roles'
import { dayCount } from '../time/calendar'
import { isoDate } from '../validate/fields'

/** A period of local days, from ≤ to, at most a year and a day (a leap year's report). */
export const kpiPeriodInput = z
  .object({ from: isoDate('开始日期'), to: isoDate('结束日期') })
  .refine((p) => p.from <= p.to, { error: '结束日期不能早于开始日期', path: ['to'] })
  .refine((p) => dayCount(p.from, p.to) <= 366, { error: '统计期间不能超过一年', path: ['to'] })

export interface KpiReportView {
  from: string
  to: string
  periodDays: number
  /** Occupied units (a live resident registered). */
  households: number
  targets: KpiTargets
  counts: { repairs: number; complaints: number; homeServices: number }
  all: KpiFigure[]
  byShift: Array<{ shift: string; figures: KpiFigure[] }>
}

/** The rates the site is judged by: every desk role reads them; the report prints for any period. */
export const kpiApi = {
  'kpi.report': method<KpiReportView>()(kpiPeriodInput, DESK_ROLES),
  'kpi.print': method<PdfFile>()(kpiPeriodInput, DESK_ROLES),
}
