import { HOT_WORK_LEVEL_LABELS, HOT_WORK_PRECAUTION_CODES, HOT_WORK_PRECAUTIONS, type HotWorkPrecaution } from '../kinds'
import { hotWorkMaxHours, hotWorkWindow } from '../validity'
import { no, ok, type Derived, type FieldContext, type Outcome } from './record'
import type { HotWorkFields } from './fields/hotWork'

export * from './fields/hotWork'

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
