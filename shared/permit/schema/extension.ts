import { renovationIsLive } from '../validity'
import { addDays } from '../../time/calendar'
import { no, ok, type Derived, type FieldContext, type Outcome } from './record'
import type { ExtensionFields } from './fields/extension'

export * from './fields/extension'

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
  // The site's extension fee unless the desk set one (0 is a fee waived, kept as typed).
  const feeFen = f.feeFen ?? (ctx.settings.extensionFeeFen || undefined)
  const fields = feeFen === undefined ? f : { ...f, feeFen }
  return ok({ fields, validFrom: addDays(renovation.validUntil, 1), validUntil: f.newEndDate, parentSerial: f.renovationSerial })
}
