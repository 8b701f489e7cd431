import { kpiApi } from '../../../shared/kpi/api'
import { implement } from '../methods'
import { printKpi } from './print'
import { kpiReportOf } from './report'

export const kpiMethods = implement(kpiApi, {
  'kpi.report': (i, ctx) => kpiReportOf(ctx, i),
  'kpi.print': (i, ctx) => printKpi(ctx, i),
})
