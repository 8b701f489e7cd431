import { z } from 'zod'
import type { Role } from '../roles'
import { isStamp } from '../time/calendar'
import { entityId, isoDate, optionalPhone, optionalText, text } from '../validate/fields'

/** Who registers complaints and works them to closure at the desk. */
export const COMPLAINT_DESK_ROLES: readonly Role[] = ['clerk', 'admin', 'supervisor']
/** Who reads complaints, the register and the analysis (the director reads too: major ones go to them). */
export const READS_COMPLAINTS: readonly Role[] = ['clerk', 'admin', 'supervisor', 'director']
/** Whether a complaint is valid (有效投诉) is the supervisor's call (seed 004 counts valid ones per household). */
export const DECIDES_VALIDITY: readonly Role[] = ['supervisor']
/** Who sees the queue of major complaints and of validity decisions. */
export const SEES_COMPLAINT_QUEUE: readonly Role[] = ['supervisor', 'director']
/** Who keeps the categories, departments and the recurring window. */
export const KEEPS_COMPLAINT_SETTINGS: readonly Role[] = ['admin', 'supervisor']

/** 来信 / 来电 / 传真 / 来访 / 网络 (《客户投诉登记表》's ways a complaint arrives). */
export const COMPLAINT_CHANNELS = ['letter', 'phone', 'fax', 'visit', 'online'] as const
export type ComplaintChannel = (typeof COMPLAINT_CHANNELS)[number]
export const COMPLAINT_CHANNEL_LABELS: Record<ComplaintChannel, string> = { letter: '来信', phone: '来电', fax: '传真', visit: '来访', online: '网络' }

export const COMPLAINT_SEVERITIES = ['normal', 'major'] as const
export type ComplaintSeverity = (typeof COMPLAINT_SEVERITIES)[number]
export const COMPLAINT_SEVERITY_LABELS: Record<ComplaintSeverity, string> = { normal: '一般', major: '重大' }

/** A call-back after handling: the complainant satisfied, not satisfied, or no call-back possible (with the reason). */
export const CALL_BACK_OUTCOMES = ['satisfied', 'unsatisfied', 'impossible'] as const
export type CallBackOutcome = (typeof CALL_BACK_OUTCOMES)[number]
export const CALL_BACK_OUTCOME_LABELS: Record<CallBackOutcome, string> = { satisfied: '满意', unsatisfied: '不满意', impossible: '无法回访' }

/** Steps appended to a complaint (never changed): 跟进, 处理结果, 回访, 有效性判定, 办结. */
export const COMPLAINT_STEP_KINDS = ['followUp', 'result', 'callBack', 'validity', 'close'] as const
export type ComplaintStepKind = (typeof COMPLAINT_STEP_KINDS)[number]
export const COMPLAINT_STEP_LABELS: Record<ComplaintStepKind, string> = { followUp: '跟进', result: '处理结果', callBack: '回访', validity: '有效性判定', close: '办结' }

/** Serial prefixes: TS-2026-0001 for the register, LX-2026-0001 for a work contact slip. */
export const COMPLAINT_SERIES = { complaint: { series: 'complaint', prefix: 'TS' }, slip: { series: 'complaintSlip', prefix: 'LX' } } as const

// ───────────────────────────── settings ─────────────────────────────

const nameList = (label: string) =>
  z
    .array(text(label, 20), { error: `${label}应为列表` })
    .min(1, { error: `${label}至少要有一项` })
    .max(40, { error: `${label}不能超过40项` })
    .superRefine((list, ctx) => {
      const seen = new Set<string>()
      list.forEach((n, i) => {
        if (seen.has(n)) ctx.addIssue({ code: 'custom', path: [i], message: `${label}「${n}」重复` })
        seen.add(n)
      })
    })

const intIn = (label: string, min: number, max: number) =>
  z.coerce
    .number({ error: `${label}应为整数` })
    .int({ error: `${label}应为整数` })
    .min(min, { error: `${label}不能小于${min}` })
    .max(max, { error: `${label}不能大于${max}` })

/** desk setting 'complaint.settings': the site's own categories and departments, the recurring window, the slip's default deadline. */
export const complaintSettingsSchema = z.object({
  categories: nameList('投诉类别'),
  departments: nameList('责任部门'),
  recurDays: intIn('重复投诉判定天数', 1, 365),
  slipHours: intIn('联系单默认处理时限(小时)', 1, 24 * 30),
})
export type ComplaintSettings = z.output<typeof complaintSettingsSchema>
export const COMPLAINT_SETTINGS_KEY = 'complaint.settings'
export const DEFAULT_COMPLAINT_SETTINGS: ComplaintSettings = {
  categories: ['维修质量', '服务态度', '环境卫生', '安全秩序', '噪音扰民', '停车管理', '收费', '绿化', '其他'],
  departments: ['工程部', '保洁部', '秩序维护部', '客服部', '绿化部', '财务部'],
  recurDays: 30,
  slipHours: 24,
}

// ───────────────────────────── inputs ─────────────────────────────

/** A local 'YYYY-MM-DD HH:mm' of the site. */
const localStamp = (label: string) =>
  z
    .string({ error: `${label}不能为空` })
    .trim()
    .min(1, { error: `${label}不能为空` })
    .refine((v) => /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/.test(v) && isStamp(v), { error: `${label}格式应为 YYYY-MM-DD HH:mm` })

export const complaintCreateInput = z.object({
  channel: z.enum(COMPLAINT_CHANNELS, { error: '投诉方式应为来信、来电、传真、来访或网络' }),
  complainant: text('投诉人', 20),
  phone: optionalPhone('联系电话'),
  unitId: z.string().trim().max(64).optional().transform((v) => (v ? v : undefined)),
  category: text('投诉类别', 20),
  department: text('责任部门', 20),
  summary: text('投诉内容', 500),
  severity: z.enum(COMPLAINT_SEVERITIES, { error: '严重程度应为一般或重大' }),
})

export const complaintSlipInput = z.object({
  complaintId: entityId('投诉'),
  department: text('接收部门', 20),
  request: text('联系事项', 300),
  deadline: localStamp('处理时限'),
})

export const complaintFollowUpInput = z.object({ complaintId: entityId('投诉'), note: text('跟进情况', 300) })
export const complaintResultInput = z.object({ complaintId: entityId('投诉'), result: text('处理结果', 500) })
export const complaintCallBackInput = z
  .object({
    complaintId: entityId('投诉'),
    outcome: z.enum(CALL_BACK_OUTCOMES, { error: '回访结果应为满意、不满意或无法回访' }),
    note: optionalText('回访情况', 300),
  })
  .superRefine((v, ctx) => {
    if (v.outcome === 'impossible' && !v.note) ctx.addIssue({ code: 'custom', path: ['note'], message: '无法回访的原因不能为空' })
  })
export const complaintValidityInput = z.object({
  complaintId: entityId('投诉'),
  valid: z.boolean({ error: '请选择有效投诉或无效投诉' }),
  reason: text('判定理由', 200),
})
export const complaintCloseInput = z.object({ complaintId: entityId('投诉'), note: optionalText('办结说明', 200) })
export const complaintIdInput = z.object({ id: entityId('投诉') })

export const complaintRangeInput = z
  .object({ from: isoDate('开始日期'), to: isoDate('结束日期') })
  .refine((v) => v.from <= v.to, { path: ['to'], error: '结束日期不能早于开始日期' })
  .refine((v) => (Date.parse(v.to) - Date.parse(v.from)) / 86_400_000 <= 366, { path: ['to'], error: '日期范围不能超过一年' })

// ───────────────────────────── rows ─────────────────────────────

export interface ComplaintRow {
  id: string
  serial: string
  receivedAt: string
  channel: ComplaintChannel
  complainant: string
  /** Masked in lists (shared/mask.ts). */
  phone: string | null
  unitId: string | null
  unitLabel: string | null
  building: string | null
  category: string
  department: string
  summary: string
  severity: ComplaintSeverity
  recordedByName: string
  /** The latest result, call-back and validity decision (steps are appended, the latest counts). */
  result: string | null
  resultAt: string | null
  callBackOutcome: CallBackOutcome | null
  callBackNote: string | null
  callBackAt: string | null
  valid: boolean | null
  validReason: string | null
  validByName: string | null
  closedAt: string | null
  /** Slips issued, and the earliest deadline of a slip not yet answered by a result (null if none). */
  slipCount: number
  nextDeadline: string | null
  /** Minutes past that deadline while no result is recorded (0 when in time or answered). */
  overdueMinutes: number
}

export interface ComplaintSlipRow {
  id: string
  serial: string
  department: string
  request: string
  deadlineAt: string
  issuedAt: string
  issuedByName: string
}

export interface ComplaintStepRow {
  id: string
  kind: ComplaintStepKind
  at: string
  staffName: string
  note: string | null
  outcome: CallBackOutcome | null
  valid: boolean | null
}

export interface ComplaintDetail extends ComplaintRow {
  slips: ComplaintSlipRow[]
  steps: ComplaintStepRow[]
}

/** The pure-data view a KPI page reads (complaints received in a period, with what became of them). */
export interface ComplaintFact {
  id: string
  serial: string
  unitId: string | null
  receivedAt: string
  major: boolean
  resultAt: string | null
  closedAt: string | null
  calledBackAt: string | null
  callBackOutcome: CallBackOutcome | null
  valid: boolean | null
}
