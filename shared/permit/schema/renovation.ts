import { dayOf, periodEnd } from '../../time/calendar'
import { no, ok, type Derived, type FieldContext, type Outcome } from './record'
import type { RenovationFields } from './fields/renovation'

export * from './fields/renovation'

export const MAX_RENOVATION_MONTHS = 24

export function renovationRule(f: RenovationFields, ctx: FieldContext): Outcome<Derived<RenovationFields>> {
  const today = dayOf(ctx.now)
  if (f.startDate < today) return no('开工日期不能早于今天', 'startDate')
  const endDate = f.endDate ?? periodEnd(f.startDate, ctx.settings.renovationMonths)
  if (endDate < f.startDate) return no('完工日期不能早于开工日期', 'endDate')
  if (endDate > periodEnd(f.startDate, MAX_RENOVATION_MONTHS)) return no(`装修期限不能超过${MAX_RENOVATION_MONTHS}个月`, 'endDate')
  return ok({ fields: { ...f, endDate }, validFrom: f.startDate, validUntil: endDate })
}
