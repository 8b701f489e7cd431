import { z } from 'zod'
import { idNumber, isoDate, optionalIsoDate, optionalText, phone, text } from '../../validate/fields'
import { dayOf, periodEnd } from '../time'
import { count, fen } from './common'
import { no, ok, type Derived, type FieldContext, type Outcome } from './record'

/** 装修申请表 → 装修许可证. */
export const renovationFields = z.object({
  contractorName: text('装修单位', 40),
  contractorLicense: optionalText('装修单位资质/执照号', 30),
  leadName: text('装修负责人姓名', 15),
  leadPhone: phone('装修负责人电话'),
  leadIdNumber: idNumber('装修负责人身份证号'),
  works: text('装修内容', 150),
  startDate: isoDate('开工日期'),
  /** Empty: the site's default period (3 months) from the start. */
  endDate: optionalIsoDate('完工日期'),
  depositFen: fen('装修押金'),
  workerCount: count('施工人数', 1, 200).optional(),
  note: optionalText('备注', 100),
})
export type RenovationFields = z.output<typeof renovationFields>

export const MAX_RENOVATION_MONTHS = 24

export function renovationRule(f: RenovationFields, ctx: FieldContext): Outcome<Derived<RenovationFields>> {
  const today = dayOf(ctx.now)
  if (f.startDate < today) return no('开工日期不能早于今天', 'startDate')
  const endDate = f.endDate ?? periodEnd(f.startDate, ctx.settings.renovationMonths)
  if (endDate < f.startDate) return no('完工日期不能早于开工日期', 'endDate')
  if (endDate > periodEnd(f.startDate, MAX_RENOVATION_MONTHS)) return no(`装修期限不能超过${MAX_RENOVATION_MONTHS}个月`, 'endDate')
  return ok({ fields: { ...f, endDate }, validFrom: f.startDate, validUntil: endDate })
}
