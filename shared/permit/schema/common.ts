import { z } from 'zod'
import { entityId, optionalIdNumber, optionalText, phone, text } from '../../validate/fields'
import { normalizeSerial } from '../serial'
import { APPLICANT_ROLES, CONSENT_METHODS, type ApplicantRole, type ConsentMethod } from '../kinds'
import { isStamp, normalizeStamp } from '../../time/calendar'

/**
 * Field builders the permit forms add to shared/validate/fields.ts, with the same habit: every message
 * names the field in Chinese.
 *
 * Text lengths in the permit schemas are what the printed form holds: every form, filled to its
 * maxima, still prints on one sheet (tests/unit/permitPrint.test.ts checks it).
 */

/** A local wall-clock time `YYYY-MM-DD HH:mm` (a `T` and seconds from a date picker are accepted). */
export const localStamp = (label: string) =>
  z
    .string({ error: `${label}不能为空` })
    .trim()
    .min(1, { error: `${label}不能为空` })
    .transform(normalizeStamp)
    .refine(isStamp, { error: `${label}格式应为 YYYY-MM-DD HH:mm` })

export const optionalLocalStamp = (label: string) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? normalizeStamp(v) : undefined))
    .refine((v) => v === undefined || isStamp(v), { error: `${label}格式应为 YYYY-MM-DD HH:mm` })

/** `HH:mm` */
export const clockTime = (label: string) =>
  z
    .string({ error: `${label}不能为空` })
    .trim()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: `${label}格式应为 HH:mm` })

/** Money in integer fen (100 元 = 10000). */
export const fen = (label: string) =>
  z
    .number({ error: `${label}应为数字` })
    .int({ error: `${label}应为以分为单位的整数` })
    .min(0, { error: `${label}不能为负数` })
    .max(100_000_000, { error: `${label}金额过大` })

export const optionalFen = (label: string) => fen(label).optional()

/** A whole count ≥ min. */
export const count = (label: string, min = 1, max = 9999) =>
  z
    .number({ error: `${label}应为数字` })
    .int({ error: `${label}应为整数` })
    .min(min, { error: `${label}至少为${min}` })
    .max(max, { error: `${label}不能超过${max}` })

/** A permit serial as typed or scanned: `dh 2026 1` → `DH-2026-0001` (code.ts normalizeSerial). */
export const serialRef = (label: string) =>
  z
    .string({ error: `${label}不能为空` })
    .trim()
    .transform((v) => normalizeSerial(v) ?? v)
    .refine((v) => normalizeSerial(v) === v, { error: `${label}格式应为 字母-年份-序号,如 ZX-2026-0001` })

/** A check box the clerk must tick: 已收取身份证复印件 … */
export const mustConfirm = (what: string) =>
  z.literal(true, { error: `请先确认:${what}` })

/** One-inch photo as a data: URL (PNG or JPEG), at most ~500 KB. */
export const photoDataUrl = (label = '照片') =>
  z
    .string()
    .trim()
    .max(700_000, { error: `${label}不能超过500KB` })
    .regex(/^data:image\/(png|jpeg);base64,[A-Za-z0-9+/=]+$/, { error: `${label}应为 PNG 或 JPEG 图片` })
    .optional()

/** The person asking at the desk. The registry link (residentId / agentId) is checked by the service. */
export const applicantSchema = z.object({
  role: z.enum(APPLICANT_ROLES, { error: '申请人身份应为业主、装修负责人、业主委托代理人或租户' }),
  residentId: entityId('住户').optional(),
  agentId: entityId('代理人').optional(),
  name: text('申请人姓名', 20),
  phone: phone('申请人电话'),
  idNumber: optionalIdNumber('申请人身份证号'),
})
export interface Applicant {
  role: ApplicantRole
  residentId?: string
  agentId?: string
  name: string
  phone: string
  idNumber?: string
}

/** The owner's consent to a tenant's request (前台日常工作流程 1a: 若租户…必须经过业主同意). */
export const ownerConsentSchema = z
  .object({
    ownerName: text('同意业主姓名', 20),
    ownerResidentId: entityId('业主').optional(),
    method: z.enum(CONSENT_METHODS, { error: '业主同意方式应为书面同意书、到场确认或电话确认' }),
    /** 同意书编号, or the number called and who called. */
    note: optionalText('业主同意说明', 200),
  })
  .superRefine((v, ctx) => {
    if (v.method === 'phone' && !v.note) {
      ctx.addIssue({ code: 'custom', path: ['note'], message: '电话确认须在业主同意说明中写明所拨电话和确认人' })
    }
  })
export interface OwnerConsent {
  ownerName: string
  ownerResidentId?: string
  method: ConsentMethod
  note?: string
}

// The parsed shapes fit the interfaces (checked here, once).
type Fits<A, B extends A> = B
type _ApplicantFits = Fits<Applicant, z.output<typeof applicantSchema>>
type _OwnerConsentFits = Fits<OwnerConsent, z.output<typeof ownerConsentSchema>>
