import { z } from 'zod'
import type { ClockView } from '../reception/clock'
import { localStampField, optionalLocalStamp } from '../reception/fields'
import type { Role } from '../roles'
import { entityId, isoDate, optionalPhone, optionalText, text } from '../validate/fields'
import { fenAmount, yuanText } from '../validate/money'

/**
 * 家居服务 (seed 001 篇5 §9: 预约家居清洁服务 — tell the price from the paid-service list, register the
 * unit, kind, time wanted and phone, call the owner back within 2 hours with the confirmed time, record
 * the finish, call back the same day): one booking per call, printed in the 家居服务登记表.
 */
export const HOME_SERVICE_ROLES: readonly Role[] = ['clerk', 'admin', 'supervisor']
export const READS_HOME_SERVICE: readonly Role[] = ['clerk', 'admin', 'supervisor', 'director']
export const HOME_SERVICE_SETTINGS_ROLES: readonly Role[] = ['admin', 'supervisor']

/** 2小时内回电业主,确定上门服务时间 (seed 001 篇5 §9c). */
export const CALL_BACK_MINUTES = 120

/** The site's price list of paid services ('homeService.prices'): codes generated, names and prices typed. */
export const HOME_SERVICE_PRICES_KEY = 'homeService.prices'
export const priceItem = z.object({
  code: z.string().regex(/^JF-\d{2,3}$/, { error: '服务编码格式不正确' }),
  name: text('服务项目', 30),
  priceFen: fenAmount('价格'),
  /** 次, 小时, 平方米 … */
  per: text('计价单位', 10),
})
export type PriceItem = z.output<typeof priceItem>
export const priceListSetting = z.array(priceItem).max(60, { error: '服务项目最多60项' })
export const DEFAULT_PRICE_LIST: PriceItem[] = []

/** The settings form: names, 元 and the unit typed; codes kept for rows that had one. */
export const priceListInput = z.object({
  items: z
    .array(z.object({ code: z.string().max(10).optional(), name: text('服务项目', 30), price: yuanText('价格'), per: text('计价单位', 10) }))
    .max(60, { error: '服务项目最多60项' })
    .superRefine((l, ctx) => {
      const seen = new Set<string>()
      l.forEach((x, i) => {
        if (seen.has(x.name)) ctx.addIssue({ code: 'custom', path: [i, 'name'], message: `服务项目「${x.name}」重复` })
        seen.add(x.name)
      })
    }),
})

export const homeServiceBookInput = z.object({
  unitId: entityId('房屋'),
  contact: text('联系人', 20),
  phone: optionalPhone('联系电话'),
  serviceCode: z.string({ error: '请选择服务项目' }).trim().min(1, { error: '请选择服务项目' }).max(10),
  /** How many (hours, times …) at the list's price. */
  quantity: z.number({ error: '数量应为数字' }).int({ error: '数量应为整数' }).min(1, { error: '数量至少为 1' }).max(99, { error: '数量不能大于99' }),
  wantedAt: localStampField('希望服务时间'),
  note: optionalText('需求说明', 200),
})

/** The call-back (回电): when it was made (blank → now) and the service time agreed with the owner. */
export const homeServiceCallBackInput = z.object({
  id: entityId('家居服务'),
  at: optionalLocalStamp('回电时间'),
  confirmedAt: localStampField('确认上门时间'),
  worker: optionalText('服务人员', 20),
  note: optionalText('备注', 200),
})
export const homeServiceDoneInput = z.object({ id: entityId('家居服务'), at: optionalLocalStamp('完工时间'), note: optionalText('完工情况', 200) })
export const homeServiceFollowUpInput = z.object({
  id: entityId('家居服务'),
  at: optionalLocalStamp('回访时间'),
  satisfied: z.boolean({ error: '请选择是否满意' }),
  note: optionalText('回访意见', 200),
})
export const homeServiceCancelInput = z.object({ id: entityId('家居服务'), reason: text('取消原因', 100) })
export const homeServiceRangeInput = z.object({ from: isoDate('开始日期'), to: isoDate('结束日期') }).refine((v) => v.from <= v.to, { error: '开始日期不能晚于结束日期', path: ['to'] })
export const homeServiceListInput = z.object({ open: z.boolean().optional(), from: isoDate('开始日期').optional(), to: isoDate('结束日期').optional() }).optional()

export type HomeServiceStatus = 'booked' | 'confirmed' | 'done' | 'followedUp' | 'cancelled'
export const HOME_SERVICE_STATUS_LABELS: Record<HomeServiceStatus, string> = { booked: '待回电', confirmed: '已确认上门', done: '已完工待回访', followedUp: '已回访', cancelled: '已取消' }

export interface HomeServiceRow {
  id: string
  serial: string
  unitId: string
  unitLabel: string
  contact: string
  phone: string | null
  serviceCode: string
  serviceName: string
  quantity: number
  per: string
  priceFen: number
  wantedAt: string
  bookedAt: string
  bookedByName: string
  note: string | null
  status: HomeServiceStatus
  calledBackAt: string | null
  confirmedAt: string | null
  worker: string | null
  doneAt: string | null
  followedUpAt: string | null
  satisfied: boolean | null
  cancelledAt: string | null
  cancelReason: string | null
  /** 2-hour call-back clock: booked → called back. */
  callBack: { dueAt: string; view: ClockView }
  /** Same-day follow-up after the finish (end of the local day of doneAt); null before done. */
  followUp: { dueAt: string; view: ClockView } | null
}

export interface HomeServiceList {
  rows: HomeServiceRow[]
  /** The core's clock when the list was read: the desk's countdown runs from it, never from the PC's clock. */
  now: string
}

/** What a KPI page reads: bookings of a period with their 2-hour call-back. */
export interface HomeServiceKpiRow {
  id: string
  label: string
  /** The shift the booking was taken in (the linked log entry's shift name), '' if none. */
  shift: string
  bookedAt: string
  calledBackAt: string | null
  dueAt: string
  withinTwoHours: boolean
  cancelled: boolean
}
