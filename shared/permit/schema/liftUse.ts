import { no, ok, type Derived, type FieldContext, type Outcome } from './record'
import type { LiftUseFields } from './fields/liftUse'

export * from './fields/liftUse'

export function liftUseRule(f: LiftUseFields, ctx: FieldContext): Outcome<Derived<LiftUseFields>> {
  if (f.timeTo <= f.timeFrom) return no('结束时间应晚于开始时间', 'timeTo')
  const validFrom = `${f.date} ${f.timeFrom}`
  const validUntil = `${f.date} ${f.timeTo}`
  if (validUntil <= ctx.now) return no('使用时段已过', 'date')
  return ok({ fields: f, validFrom, validUntil })
}
