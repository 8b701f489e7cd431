import { z } from 'zod'
import { isoDate, text } from '../../validate/fields'
import { renovationIsLive } from '../validity'
import { addDays } from '../time'
import { optionalFen, serialRef } from './common'
import { no, ok, type Derived, type FieldContext, type Outcome } from './record'

/** 装修延期申请表. */
export const extensionFields = z.object({
  renovationSerial: serialRef('装修许可证编号'),
  newEndDate: isoDate('延期至'),
  reason: text('延期原因', 100),
  /** 根据审批要求须交费用的: set by the desk when the approval asks for it. */
  feeFen: optionalFen('延期费用'),
})
export type ExtensionFields = z.output<typeof extensionFields>

/** Filed within the period (前台日常工作流程 3: 在规定的装修期限内…未完成); the new date must be later. */
export function extensionRule(f: ExtensionFields, ctx: FieldContext): Outcome<Derived<ExtensionFields>> {
  const r = ctx.renovation
  if (r && r.serial !== f.renovationSerial) return no(`装修许可证编号 ${f.renovationSerial} 与本房屋的装修申请不符`, 'renovationSerial')
  const live = renovationIsLive(r ?? null, ctx.now, '办理延期')
  if (!live.ok) return live
  const renovation = live.value
  if (f.newEndDate <= renovation.validUntil) {
    return no(`延期日期应晚于现装修期限(${renovation.validUntil})`, 'newEndDate')
  }
  return ok({ fields: f, validFrom: addDays(renovation.validUntil, 1), validUntil: f.newEndDate, parentSerial: f.renovationSerial })
}
