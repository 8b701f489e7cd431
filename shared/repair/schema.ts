import { z } from 'zod'
import type { Role } from '../roles'
import { attachmentInput } from '../permit/apiSchema'
import { optionalLocalStamp } from '../permit/schema/common'
import { entityId, isoDate, optionalPhone, optionalText, text } from '../validate/fields'
import type { RepairClock, RepairClockView } from './clocks'

/** Who works repair orders at the desk. */
export const REPAIR_DESK_ROLES: readonly Role[] = ['clerk', 'admin', 'supervisor']
/** Who reads them: the director, and engineering (工程主管) — the orders forwarded to it are its list to work from. */
export const READS_REPAIRS: readonly Role[] = ['clerk', 'admin', 'supervisor', 'director', 'engineering']
/** Who sets the site's categories and clocks. */
export const SETS_REPAIRS: readonly Role[] = ['admin', 'supervisor']

export const MAX_REPAIR_PHOTOS = 6
const photoInput = attachmentInput.extend({
  dataUrl: attachmentInput.shape.dataUrl.refine((v) => !v.startsWith('data:application/pdf'), { error: '照片应为 PNG 或 JPEG 图片' }),
})
/** The largest repair.create body: the photos at their limit plus the text. */
export const REPAIR_CREATE_MAX_BODY = MAX_REPAIR_PHOTOS * (Math.ceil((2 * 1024 * 1024) / 3) * 4 + 400) + 64 * 1024

/**
 * repair.create, from a phone call: the unit, who to contact (a resident of the unit picked, or a name
 * and phone typed), what is wrong, urgent or not, when the owner wants engineering to come.
 */
export const repairCreateInput = z
  .object({
    unitId: z.string({ error: '请选择报修房屋' }).trim().min(1, { error: '请选择报修房屋' }).max(64),
    /** A resident of the unit picked from the registry: the name and phone come from it unless typed. */
    residentId: z.string().trim().max(64).optional().transform((v) => (v ? v : undefined)),
    contactName: optionalText('联系人', 20),
    contactPhone: optionalPhone('联系电话'),
    category: text('报修类别', 12),
    content: text('报修内容', 300),
    urgent: z.boolean({ error: '是否急修应为是或否' }).default(false),
    /** Local 'YYYY-MM-DD HH:mm' of the site; blank = as soon as possible. */
    appointmentAt: optionalLocalStamp('预约时间'),
    photos: z.array(photoInput).max(MAX_REPAIR_PHOTOS, { error: `照片不能超过${MAX_REPAIR_PHOTOS}张` }).optional(),
  })
  .superRefine((v, ctx) => {
    if (!v.residentId && !v.contactName) ctx.addIssue({ code: 'custom', path: ['contactName'], message: '联系人不能为空(从住户中选择或直接输入)' })
    if (!v.residentId && !v.contactPhone) ctx.addIssue({ code: 'custom', path: ['contactPhone'], message: '联系电话不能为空' })
  })
export type RepairCreateInput = z.input<typeof repairCreateInput>

/** repair.update: what the clerk may still change on an open order (each column its own change). */
export const repairUpdateInput = z.object({
  id: entityId('维修单'),
  contactName: text('联系人', 20),
  contactPhone: optionalPhone('联系电话'),
  category: text('报修类别', 12),
  content: text('报修内容', 300),
  appointmentAt: optionalLocalStamp('预约时间'),
})

const byOrder = { id: entityId('维修单') }
/** Passed to engineering: who received it there (工程部接单人员). */
export const repairForwardInput = z.object({ ...byOrder, receiver: text('工程部接单人', 20), note: optionalText('备注', 100) })
/** Engineering cannot come in time: the owner and the housekeeper (管家) were told. */
export const repairToldInput = z.object({
  ...byOrder,
  housekeeper: text('已通知管家', 20),
  note: text('告知业主内容', 100),
})
/** Engineering on site: who, and when (blank = now; a time reported a little later may be typed). */
export const repairArriveInput = z.object({ ...byOrder, who: text('到场人员', 20), at: optionalLocalStamp('到场时间') })
/** Engineering's completed order comes back: who, when, materials/charges, result. */
export const repairCompleteInput = z.object({
  ...byOrder,
  who: text('维修人员', 20),
  at: optionalLocalStamp('完工时间'),
  materials: optionalText('材料', 200),
  charges: optionalText('收费', 100),
  result: text('维修结果', 200),
})
/** 回访: reached or not, satisfied or not, remark. Not reached: an attempt (the order stays open) unless closed with a reason. */
export const repairCallbackInput = z
  .object({
    ...byOrder,
    reached: z.boolean({ error: '是否联系上业主应为是或否' }),
    satisfied: z.boolean({ error: '业主是否满意应为是或否' }).optional(),
    remark: optionalText('回访备注', 200),
    /** Not reached and no further try possible (moved out, refuses calls): closes with the remark as the reason. */
    closeUnreached: z.boolean().optional(),
  })
  .superRefine((v, ctx) => {
    if (v.reached && v.satisfied === undefined) ctx.addIssue({ code: 'custom', path: ['satisfied'], message: '请选择业主是否满意' })
    if (!v.reached && !v.remark) ctx.addIssue({ code: 'custom', path: ['remark'], message: '未联系上业主时,回访备注不能为空(如:电话无人接听)' })
    if (v.reached && v.satisfied === false && !v.remark) ctx.addIssue({ code: 'custom', path: ['remark'], message: '业主不满意时,回访备注不能为空' })
  })
export const repairByIdInput = z.object(byOrder)
export const repairDayInput = z.object({ date: isoDate('日期') })
export const repairPhotoInput = z.object({ id: entityId('照片') })

export const REPAIR_STATES = ['toForward', 'forwarded', 'onSite', 'completed', 'closed'] as const
export type RepairState = (typeof REPAIR_STATES)[number]
export const REPAIR_STATE_LABELS: Record<RepairState, string> = {
  toForward: '待转工程部',
  forwarded: '已转工程部',
  onSite: '维修中',
  completed: '待回访',
  closed: '已回访',
}

export const REPAIR_STEPS = ['forward', 'told', 'arrive', 'complete', 'callback'] as const
export type RepairStepKind = (typeof REPAIR_STEPS)[number]
export const REPAIR_STEP_LABELS: Record<RepairStepKind, string> = { forward: '转工程部', told: '告知业主及管家', arrive: '到场', complete: '完工', callback: '回访' }

export interface RepairRow {
  id: string
  serial: string
  unitId: string
  unitLabel: string
  contactName: string
  /** Masked in lists (shared/mask.ts); in full on the order's detail and its printed 维修单. */
  contactPhone: string
  category: string
  content: string
  urgent: boolean
  appointmentAt: string | null
  receivedAt: string
  staffName: string
  state: RepairState
  forwardedTo: string | null
  clocks: RepairClockView[]
  /** Some clock is late now or was breached. */
  late: boolean
}

export interface RepairStep {
  id: string
  step: RepairStepKind
  at: string
  recordedAt: string
  staffName: string
  who: string | null
  note: string | null
  materials: string | null
  charges: string | null
  result: string | null
  reached: boolean | null
  satisfied: boolean | null
  closes: boolean
}

export interface RepairBreach {
  id: string
  clock: RepairClock
  dueAt: string
  stoppedAt: string
  overMs: number
}

export interface RepairPhoto {
  id: string
  label: string
  fileName: string
  mime: string
  sizeBytes: number
}

export interface RepairDetail extends RepairRow {
  /** The core's now the clocks were computed against (the desk counts on from it). */
  now: string
  steps: RepairStep[]
  breaches: RepairBreach[]
  photos: RepairPhoto[]
}

/** What the desk's list is computed against: the core's clock, so the desk counts down from the server's now. */
export interface RepairDesk {
  now: string
  rows: RepairRow[]
}
