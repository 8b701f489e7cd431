import { dayOf } from '../../time/calendar'
import { no, ok, type Derived, type FieldContext, type Outcome } from './record'
import type { AdditionalWorksFields } from './fields/additionalWorks'

export * from './fields/additionalWorks'

export function additionalWorksRule(f: AdditionalWorksFields, ctx: FieldContext): Outcome<Derived<AdditionalWorksFields>> {
  const items = [...new Set(f.items)]
  if (f.startDate < dayOf(ctx.now)) return no('施工开始日期不能早于今天', 'startDate')
  if (f.endDate < f.startDate) return no('施工结束日期不能早于开始日期', 'endDate')
  return ok({ fields: { ...f, items }, validFrom: f.startDate, validUntil: f.endDate })
}
