import { workerPassValidity } from '../validity'
import { no, ok, type Derived, type FieldContext, type Outcome } from './record'
import type { WorkerPassFields } from './fields/workerPass'

export * from './fields/workerPass'

export function workerPassRule(f: WorkerPassFields, ctx: FieldContext): Outcome<Derived<WorkerPassFields>> {
  const r = ctx.renovation
  if (r && r.serial !== f.renovationSerial) return no(`装修许可证编号 ${f.renovationSerial} 与本房屋的装修申请不符`, 'renovationSerial')
  if (!f.photo && !f.photoCollected) return no('请收取一寸照片或拍摄照片', 'photo')
  const v = workerPassValidity(r ?? null, { from: f.validFrom, until: f.validUntil }, ctx.now)
  if (!v.ok) return v
  return ok({
    fields: {
      ...f,
      depositFen: f.depositFen ?? ctx.settings.workerPassDepositFen,
      feeFen: f.feeFen ?? ctx.settings.workerPassFeeFen,
    },
    validFrom: v.value.validFrom,
    validUntil: v.value.validUntil,
    parentSerial: f.renovationSerial,
  })
}
