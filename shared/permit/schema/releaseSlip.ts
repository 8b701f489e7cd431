import { dayOf } from '../../time/calendar'
import { no, ok, type Derived, type FieldContext, type Outcome } from './record'
import type { ReleaseSlipFields } from './fields/releaseSlip'

export * from './fields/releaseSlip'

export function releaseSlipRule(f: ReleaseSlipFields, ctx: FieldContext): Outcome<Derived<ReleaseSlipFields>> {
  if (f.date < dayOf(ctx.now)) return no('放行日期不能早于今天', 'date')
  return ok({ fields: f, validFrom: f.date, validUntil: f.date })
}
