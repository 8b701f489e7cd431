import { z } from 'zod'
import type { Role } from '../roles'
import { entityId, isoDate, optionalIdNumber, optionalPhone, optionalText, phone, text } from '../validate/fields'
import { isPlate, normalizePlate } from './plate'

/** Who signs visitors in and out at the desk. */
export const VISITOR_DESK_ROLES: readonly Role[] = ['clerk', 'admin', 'supervisor']
/** Who reads the visitor book (the director reads too). */
export const READS_VISITORS: readonly Role[] = ['clerk', 'admin', 'supervisor', 'director']
/** Who sets the desk's visitor settings. */
export const SETS_VISITORS: readonly Role[] = ['admin', 'supervisor']

/** Desk setting 'visitor.settings': whether the ID number must be taken, whether a slip prints at sign-in. */
export const visitorSettingsSchema = z.object({
  idNumberRequired: z.boolean({ error: '是否必须登记身份证号应为是或否' }),
  printSlip: z.boolean({ error: '是否打印访客单应为是或否' }),
})
export type VisitorSettings = z.output<typeof visitorSettingsSchema>
export const VISITOR_SETTINGS_KEY = 'visitor.settings'
export const DEFAULT_VISITOR_SETTINGS: VisitorSettings = { idNumberRequired: false, printSlip: true }

/** Prefix of the visitor slip's serial (访客 → FK-2026-0001), printed under the slip's QR. */
export const VISITOR_SLIP_PREFIX = 'FK'

export const optionalPlate = (label = '车牌号') =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? normalizePlate(v) : undefined))
    .refine((v) => v === undefined || isPlate(v), { error: `${label}格式不正确(如 粤B12345,新能源 粤BD12345)` })

export const peopleCount = z.coerce
  .number({ error: '来访人数应为整数' })
  .int({ error: '来访人数应为整数' })
  .min(1, { error: '来访人数不能小于1' })
  .max(50, { error: '来访人数不能大于50' })

const visitorFields = {
  unitId: entityId('被访房屋'),
  hostName: optionalText('被访人', 20),
  visitorName: text('访客姓名', 20),
  phone: phone('访客电话'),
  idNumber: optionalIdNumber('访客身份证号'),
  purpose: text('来访事由', 100),
  carPlate: optionalPlate(),
  people: peopleCount,
}

/**
 * visitor.signIn: typed at the desk, or taken from an expected visitor of today (expectedId): then a
 * phone or ID number left blank is the one the owner gave (the screen shows it masked only).
 */
export const visitorSignInInput = z.object({
  ...visitorFields,
  phone: optionalPhone('访客电话'),
  expectedId: z.string().trim().max(64).optional().transform((v) => v || undefined),
})

/** visitor.expect: an owner calls ahead (业主来电预约): who comes, which day. */
export const visitorExpectInput = z.object({
  ...visitorFields,
  phone: optionalPhone('访客电话'),
  expectedDate: isoDate('预计来访日期'),
  calledBy: text('来电业主', 20),
  note: optionalText('备注', 200),
})
/**
 * visitor.update: a typo put right while the visitor is in. The name and the unit are on the slip's
 * check code (the QR at the gate), so they are not changed here: a wrong one is signed out and signed
 * in again with a new slip.
 */
export const visitorUpdateInput = z.object({
  id: entityId('来访记录'),
  hostName: visitorFields.hostName,
  purpose: visitorFields.purpose,
  carPlate: visitorFields.carPlate,
  people: visitorFields.people,
})
export const visitorCancelExpectedInput = z.object({ id: entityId('预约'), reason: text('取消原因', 100) })
export const visitorSignOutInput = z.object({ id: entityId('来访记录'), note: optionalText('签离备注', 100) })
export const visitorDayInput = z.object({ date: isoDate('日期') })
/** A day's expected visitors; no date → today of the site's calendar (not the PC's). */
export const visitorExpectedInput = z.object({ date: isoDate('日期').optional() })
export const visitorIdInput = z.object({ id: entityId('来访记录') })

export interface VisitRow {
  id: string
  serial: string
  unitId: string
  unitLabel: string
  hostName: string | null
  visitorName: string
  /** Masked (shared/mask.ts) as in every list. */
  phone: string
  idNumber: string | null
  purpose: string
  carPlate: string | null
  people: number
  expectedId: string | null
  signedInAt: string
  signedInBy: string
  signedOutAt: string | null
  signedOutBy: string | null
  signOutNote: string | null
  /** The QR text of the slip (serial + check code; no secret). */
  slipPayload: string
  /** Still in, signed in on an earlier day of the site's calendar (visitor.inside only). */
  stayedOver: boolean
}

export interface ExpectedVisitorRow {
  id: string
  unitId: string
  unitLabel: string
  hostName: string | null
  visitorName: string
  phone: string | null
  idNumber: string | null
  purpose: string
  carPlate: string | null
  people: number
  expectedDate: string
  calledBy: string
  note: string | null
  recordedBy: string
  /** Set once the expected visitor has signed in. */
  visitId: string | null
}

/** What the gate's verify screen shows of a visitor slip. */
export interface VisitorSlipBrief {
  serial: string
  visitorName: string
  unitLabel: string
  people: number
  carPlate: string | null
  /** Local 'YYYY-MM-DD HH:mm'. */
  signedInAt: string
  signedOutAt: string | null
  /** The local day the slip is valid for. */
  validDay: string
}
