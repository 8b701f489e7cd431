import { z } from 'zod'
import { entityId, optionalText, text } from '../../validate/fields'
import type { PermitKind } from '../kinds'
import { additionalWorksFields, additionalWorksRule } from './additionalWorks'
import { applicantSchema, ownerConsentSchema } from './common'
import { extensionFields, extensionRule } from './extension'
import { hotWorkFields, hotWorkRule } from './hotWork'
import { liftUseFields, liftUseRule } from './liftUse'
import type { Derived, FieldContext, Outcome, PermitFieldsByKind } from './record'
import { releaseSlipFields, releaseSlipRule } from './releaseSlip'
import { renovationFields, renovationRule } from './renovation'
import { workerPassFields, workerPassRule } from './workerPass'

export * from './common'
export * from './record'
export * from './renovation'
export * from './workerPass'
export * from './extension'
export * from './additionalWorks'
export * from './hotWork'
export * from './releaseSlip'
export * from './liftUse'

/** ONE field schema per kind: the screen's form, the API's input and the printer read the same shape. */
export const FIELD_SCHEMAS = {
  renovation: renovationFields,
  workerPass: workerPassFields,
  extension: extensionFields,
  additionalWorks: additionalWorksFields,
  hotWork: hotWorkFields,
  releaseSlip: releaseSlipFields,
  liftUse: liftUseFields,
} as const satisfies Record<PermitKind, z.ZodType>

type KindRule<K extends PermitKind> = (f: PermitFieldsByKind[K], ctx: FieldContext) => Outcome<Derived<PermitFieldsByKind[K]>>

/** ONE rule function per kind: what the schema cannot see (dates against today, the renovation, settings). */
export const KIND_RULES: { [K in PermitKind]: KindRule<K> } = {
  renovation: renovationRule,
  workerPass: workerPassRule,
  extension: extensionRule,
  additionalWorks: additionalWorksRule,
  hotWork: hotWorkRule,
  releaseSlip: releaseSlipRule,
  liftUse: liftUseRule,
}

/** Runs the kind's rule on parsed fields: defaults filled in, validity computed, or a reason. */
export function checkFields<K extends PermitKind>(
  kind: K,
  fields: PermitFieldsByKind[K],
  ctx: FieldContext,
): Outcome<Derived<PermitFieldsByKind[K]>> {
  return (KIND_RULES[kind] as KindRule<K>)(fields, ctx)
}

const application = <K extends PermitKind, S extends z.ZodType>(kind: K, fields: S) =>
  z.object({
    kind: z.literal(kind),
    unitId: entityId('房屋'),
    applicant: applicantSchema,
    ownerConsent: ownerConsentSchema.optional(),
    fields,
  })

/**
 * A new application of any kind (what the desk's form sends). Who may ask for which kind, and whether
 * the person is who they say, is canApply's job with the registry at hand; the form only insists that
 * a tenant's request carries the owner's consent.
 */
export const permitApplyInput = z
  .discriminatedUnion('kind', [
    application('renovation', renovationFields),
    application('workerPass', workerPassFields),
    application('extension', extensionFields),
    application('additionalWorks', additionalWorksFields),
    application('hotWork', hotWorkFields),
    application('releaseSlip', releaseSlipFields),
    application('liftUse', liftUseFields),
  ])
  .superRefine((v, ctx) => {
    if (v.applicant.role === 'tenant' && !v.ownerConsent) {
      ctx.addIssue({ code: 'custom', path: ['ownerConsent'], message: '租户申请须经业主同意,请先登记业主同意' })
    }
  })
export type PermitApplyInput = z.input<typeof permitApplyInput>

/** A reviewer's decision; a refusal needs its reason. */
export const permitReviewInput = z
  .object({
    id: entityId('申请'),
    decision: z.enum(['approve', 'refuse'], { error: '审批结论应为同意或不同意' }),
    opinion: optionalText('审批意见', 300),
  })
  .superRefine((v, ctx) => {
    if (v.decision === 'refuse' && !v.opinion) ctx.addIssue({ code: 'custom', path: ['opinion'], message: '不同意时必须填写理由' })
  })

/**
 * permit.void. A worker pass's or a renovation's deposit still held is refunded, unless
 * `depositWithheld` says why it is kept (证件遗失、损坏 …): then it is booked as kept, with that reason.
 */
export const permitVoidInput = z.object({ id: entityId('证件'), reason: text('作废原因', 200), depositWithheld: optionalText('押金不退原因', 100) })

/** What the guard scans or types: a QR payload or a serial. */
export const permitVerifyInput = z.object({ text: text('编号或二维码内容', 200) })
