import { z } from 'zod'
import { idNumber, optionalPhone, optionalText, text } from '../../validate/fields'
import {
  HOT_WORK_LEVEL_LABELS,
  HOT_WORK_LEVELS,
  HOT_WORK_METHODS,
  HOT_WORK_PRECAUTION_CODES,
  HOT_WORK_PRECAUTIONS,
  type HotWorkPrecaution,
} from '../kinds'
import { hotWorkMaxHours, hotWorkWindow } from '../validity'
import { count, localStamp, mustConfirm, optionalLocalStamp } from './common'
import { no, ok, type Derived, type FieldContext, type Outcome } from './record'

/** 动火申请表 → 动火许可证. */
export const hotWorkFields = z.object({
  place: text('动火地点', 40),
  level: z.enum(HOT_WORK_LEVELS, { error: '动火等级应为特级、一级或二级' }),
  method: z.enum(HOT_WORK_METHODS, { error: '请选择动火方式' }),
  content: text('动火作业内容', 100),
  welderName: text('动火人姓名', 15),
  welderIdNumber: idNumber('动火人身份证号'),
  welderCertNo: text('焊工证号', 20),
  /** 收取动火人的焊工证及身份证的复印件, attached to the application. */
  copiesCollected: mustConfirm('已收取焊工证及身份证复印件'),
  start: localStamp('动火开始时间'),
  /** Empty: the longest allowed window, ending the same day at the latest. */
  end: optionalLocalStamp('动火结束时间'),
  fireWatcherName: text('监火人姓名', 15),
  fireWatcherPhone: optionalPhone('监火人电话'),
  extinguisherCount: count('灭火器数量', 1, 50),
  precautions: z.array(z.enum(HOT_WORK_PRECAUTION_CODES, { error: '安全措施项不正确' })).default([]),
  gasTestResult: optionalText('气体检测结果', 50),
})
export type HotWorkFields = z.output<typeof hotWorkFields>

/** The checklist lines this application must have ticked. */
export function requiredPrecautions(f: Pick<HotWorkFields, 'level' | 'method'>): HotWorkPrecaution[] {
  const gas = f.method === 'gasWelding' || f.method === 'gasCutting'
  const high = f.level === 'special' || f.level === 'first'
  return HOT_WORK_PRECAUTIONS.filter(
    (p) => p.required === 'always' || (p.required === 'gas' && gas) || (p.required === 'level' && high),
  ).map((p) => p.code)
}

export function hotWorkRule(f: HotWorkFields, ctx: FieldContext): Outcome<Derived<HotWorkFields>> {
  if (f.fireWatcherName === f.welderName) return no('监火人不能由动火人兼任', 'fireWatcherName')
  const ticked = new Set(f.precautions)
  const missing = requiredPrecautions(f).filter((c) => !ticked.has(c))
  if (missing.length > 0) {
    const labels = missing.map((c) => HOT_WORK_PRECAUTIONS.find((p) => p.code === c)!.label)
    return no(`安全措施未落实:${labels.join(';')}`, 'precautions')
  }
  if (ticked.has('gasTested') && !f.gasTestResult) return no(`${HOT_WORK_LEVEL_LABELS[f.level]}须填写气体检测结果`, 'gasTestResult')
  const w = hotWorkWindow(f.start, f.end, hotWorkMaxHours(f.level, ctx.settings))
  if (!w.ok) return w
  if (w.value.validUntil <= ctx.now) return no('动火结束时间已过', 'end')
  const precautions = HOT_WORK_PRECAUTION_CODES.filter((c) => ticked.has(c))
  return ok({ fields: { ...f, end: w.value.validUntil, precautions }, validFrom: w.value.validFrom, validUntil: w.value.validUntil })
}
