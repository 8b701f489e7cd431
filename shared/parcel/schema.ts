import { z } from 'zod'
import type { Role } from '../roles'
import { entityId, isoDate, optionalText, phone, text } from '../validate/fields'

/** Who receives and hands out parcels at the desk. */
export const PARCEL_DESK_ROLES: readonly Role[] = ['clerk', 'admin', 'supervisor']
export const READS_PARCELS: readonly Role[] = ['clerk', 'admin', 'supervisor', 'director']
export const SETS_PARCELS: readonly Role[] = ['admin', 'supervisor']

/** Desk setting 'parcel.settings': a parcel waiting longer than this many days is listed in red. */
export const parcelSettingsSchema = z.object({
  overdueDays: z.coerce
    .number({ error: '超期天数应为整数' })
    .int({ error: '超期天数应为整数' })
    .min(1, { error: '超期天数不能小于1' })
    .max(60, { error: '超期天数不能大于60' }),
})
export type ParcelSettings = z.output<typeof parcelSettingsSchema>
export const PARCEL_SETTINGS_KEY = 'parcel.settings'
export const DEFAULT_PARCEL_SETTINGS: ParcelSettings = { overdueDays: 3 }

/** Parcel serial prefix (邮件 → YJ-2026-0001), written on the shelf label. */
export const PARCEL_PREFIX = 'YJ'

/** Suggestions for the carrier field (any other name may be typed). */
export const CARRIER_SUGGESTIONS = ['顺丰速运', '京东物流', '中国邮政', 'EMS', '中通快递', '圆通速递', '韵达快递', '申通快递', '极兔速递', '德邦快递', '菜鸟'] as const

export const PARCEL_KINDS = ['letter', 'registered', 'document', 'small', 'large', 'fresh'] as const
export type ParcelKind = (typeof PARCEL_KINDS)[number]
export const PARCEL_KIND_LABELS: Record<ParcelKind, string> = {
  letter: '信件',
  registered: '挂号信/特殊邮件',
  document: '文件',
  small: '小件包裹',
  large: '大件包裹',
  fresh: '生鲜/易腐',
}

export const NOTICE_CHANNELS = ['phone', 'sms', 'wechat'] as const
export type NoticeChannel = (typeof NOTICE_CHANNELS)[number]
export const NOTICE_CHANNEL_LABELS: Record<NoticeChannel, string> = { phone: '电话', sms: '短信', wechat: '微信' }

/** What a scanner types from a waybill barcode: letters, digits and '-' (Code 128 of the carriers). */
export const trackingNo = z
  .string({ error: '运单号不能为空' })
  .trim()
  .min(1, { error: '运单号不能为空' })
  .max(40, { error: '运单号不能超过40个字符' })
  .transform((v) => v.toUpperCase())
  .refine((v) => /^[0-9A-Z-]+$/.test(v), { error: '运单号只能是字母、数字或“-”' })
  .refine((v) => v.replace(/-/g, '').length >= 6, { error: '运单号至少6位' })

export const parcelReceiveInput = z.object({
  unitId: entityId('收件房屋'),
  addressee: text('收件人', 20),
  addresseePhone: phone('收件人电话'),
  carrier: text('快递公司', 20),
  trackingNo,
  kind: z.enum(PARCEL_KINDS, { error: '邮件类型应为信件、挂号信、文件、小件、大件或生鲜' }),
  shelf: text('存放位置', 20),
  note: optionalText('备注', 200),
})

export const parcelNotifyInput = z.object({
  id: entityId('邮件'),
  channel: z.enum(NOTICE_CHANNELS, { error: '通知方式应为电话、短信或微信' }),
  note: optionalText('通知结果', 100),
})

/** The addressee names someone to collect for them (by a call, a message …). */
export const parcelDelegateInput = z.object({
  id: entityId('邮件'),
  name: text('代领人姓名', 20),
  phone: phone('代领人电话'),
  namedHow: text('授权方式', 40),
})

/** A drawn signature (signature_pad) as a PNG data URL; ~300 KB at most. */
export const signaturePng = z
  .string()
  .max(400_000, { error: '签名图片过大' })
  .refine((v) => /^data:image\/png;base64,[A-Za-z0-9+/=]+$/.test(v), { error: '签名应为手写签名图片' })
  .optional()

export const parcelPickUpInput = z.object({
  id: entityId('邮件'),
  pickerName: text('领取人姓名', 20),
  phoneTail: z
    .string({ error: '手机尾号不能为空' })
    .trim()
    .regex(/^\d{4}$/, { error: '手机尾号应为4位数字' }),
  signature: signaturePng,
})

export const parcelRangeInput = z
  .object({ from: isoDate('开始日期'), to: isoDate('结束日期') })
  .refine((v) => v.from <= v.to, { path: ['to'], error: '结束日期不能早于开始日期' })
  .refine((v) => (Date.parse(v.to) - Date.parse(v.from)) / 86_400_000 <= 366, { path: ['to'], error: '日期范围不能超过一年' })

export const parcelIdInput = z.object({ id: entityId('邮件') })

export interface ParcelNotice {
  channel: NoticeChannel
  note: string | null
  byName: string
  at: string
}

export interface ParcelDelegate {
  name: string
  /** Masked. */
  phone: string
  namedHow: string
  at: string
}

export interface ParcelRow {
  id: string
  serial: string
  unitId: string
  unitLabel: string
  addressee: string
  /** Masked (138****5678). */
  addresseePhone: string
  carrier: string
  trackingNo: string
  kind: ParcelKind
  shelf: string
  note: string | null
  receivedAt: string
  receivedByName: string
  notices: ParcelNotice[]
  delegates: ParcelDelegate[]
  pickedUpAt: string | null
  pickerName: string | null
  /** 'addressee' | 'delegate' */
  pickerRole: 'addressee' | 'delegate' | null
  handedOverByName: string | null
  hasSignature: boolean
  /** Whole days waiting (local days since received), while not picked up. */
  waitingDays: number
  /** Waiting longer than the site's setting. */
  overdue: boolean
}
