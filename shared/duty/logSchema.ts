import { z } from 'zod'
import { entityId, isoDate, optionalIsoDate, optionalText, text } from '../validate/fields'
import { dateTime, page, supervisorOverride } from './fields'
import {
  ESCALATION_TARGETS,
  LOG_KINDS,
  LOG_STATUSES,
  QUALITY_ITEMS,
  type EscalationTarget,
  type FollowUpKind,
  type LogKind,
  type LogSourceKind,
  type LogStatus,
  type QualityItem,
} from './kinds'

/** 值班 (duty shifts), 值班记录 (log entries), 待跟进 (follow-ups), 上报 (escalation), 审阅, 质量检查. */

const escalateTo = z.enum(ESCALATION_TARGETS, { error: '上报对象应为客服管理员或客服主管' })

const entryFields = {
  /** When it happened; defaults to now. */
  at: dateTime('时间').optional(),
  kind: z.enum(LOG_KINDS, { error: '记录类型不正确' }),
  unitId: entityId('房屋').optional(),
  person: optionalText('人员', 50),
  content: text('内容', 1000),
  action: optionalText('处理措施', 1000),
  passedTo: optionalText('转交部门/人员', 100),
  status: z.enum(LOG_STATUSES, { error: '状态应为已处理、待跟进或已上报' }).default('done'),
  escalateTo: escalateTo.optional(),
}

const needsTarget = (v: { status: LogStatus; escalateTo?: EscalationTarget }, ctx: z.RefinementCtx) => {
  if (v.status === 'escalated' && !v.escalateTo) ctx.addIssue({ code: 'custom', path: ['escalateTo'], message: '已上报的记录须选择上报对象(客服管理员或客服主管)' })
}

export const logAddInput = z.object(entryFields).superRefine(needsTarget)
export type LogEntryInput = z.input<typeof logAddInput>
/** Only while the entry's shift is open (not yet handed over). */
export const logUpdateInput = z.object({ id: entityId('记录'), ...entryFields }).superRefine(needsTarget)
/** A correction of a (locked) entry: a new entry linked to the one it corrects. */
export const logCorrectInput = z.object({ id: entityId('被更正的记录'), reason: text('更正原因', 200), ...entryFields }).superRefine(needsTarget)

export const logListInput = z
  .object({
    /** Shift dates: a night shift's 02:10 entry belongs to the day the shift started. */
    from: optionalIsoDate('开始日期'),
    to: optionalIsoDate('结束日期'),
    kind: z.enum(LOG_KINDS, { error: '记录类型不正确' }).optional(),
    unitId: entityId('房屋').optional(),
    /** The current state (a closed 待跟进 item counts as 已处理). */
    status: z.enum(LOG_STATUSES, { error: '状态不正确' }).optional(),
    /** Who recorded it. */
    staffId: entityId('员工').optional(),
    shiftId: entityId('班次').optional(),
    /** Chinese substring of content, person, action or passed-to. */
    q: z.string().trim().max(50, { error: '搜索内容不能超过50个字符' }).optional(),
    ...page,
  })
  .refine((v) => !v.from || !v.to || v.from <= v.to, { path: ['to'], error: '结束日期不能早于开始日期' })

export const byEntry = z.object({ id: entityId('记录') })
export const logFollowUpInput = z.object({ id: entityId('记录'), note: text('跟进内容', 500) })
export const logCloseInput = z.object({ id: entityId('记录'), note: text('处理结果', 500) })
export const logEscalateInput = z.object({ id: entityId('记录'), to: escalateTo, note: text('上报说明', 500) })
export const escalationQueueInput = z.object({ to: escalateTo.optional() }).optional()
export const escalationResolveInput = z.object({ id: entityId('记录'), note: text('处理意见', 500) })

export const dutyStartInput = z
  .object({
    /** 客服主管授权 when the caller is not rostered now. */
    override: supervisorOverride.optional(),
    /** With an override: which pattern to open (default: the one running now). */
    shiftCode: z.string().trim().max(20).optional(),
  })
  .optional()

export const dutyListInput = z
  .object({ from: optionalIsoDate('开始日期'), to: optionalIsoDate('结束日期') })
  .optional()

export const reviewMarkInput = z.object({ date: isoDate('日期'), remark: optionalText('审阅意见', 500) })
export const reviewListInput = z.object({ from: optionalIsoDate('开始日期'), to: optionalIsoDate('结束日期') }).optional()

export const qualityAddInput = z.object({
  clerkId: entityId('被检查人'),
  shiftId: entityId('班次').optional(),
  items: z
    .array(
      z.object({
        item: z.enum(QUALITY_ITEMS, { error: '检查项目不正确' }),
        ok: z.boolean({ error: '请选择合格或不合格' }),
        finding: optionalText('问题描述', 500),
      }),
      { error: '检查项目不能为空' },
    )
    .min(1, { error: '至少检查一项' })
    .superRefine((items, ctx) => {
      items.forEach((it, i) => {
        if (!it.ok && !it.finding) ctx.addIssue({ code: 'custom', path: [i, 'finding'], message: '不合格项须写明问题' })
      })
    }),
  findings: optionalText('检查情况', 1000),
  improvement: optionalText('整改要求', 500),
})
export const qualityListInput = z
  .object({ from: optionalIsoDate('开始日期'), to: optionalIsoDate('结束日期'), clerkId: entityId('被检查人').optional() })
  .optional()

export interface DutyShiftRow {
  id: string
  date: string
  shiftCode: string
  shiftName: string
  startsAt: string
  endsAt: string
  staffId: string
  staffName: string
  status: 'open' | 'closed'
  openedAt: string
  closedAt: string | null
  rostered: boolean
  overrideByName: string | null
  overrideReason: string | null
  openedByHandoverId: string | null
  closedByHandoverId: string | null
  /** Holds (or held at its end) custody of the desk's items. */
  custody: boolean
}

export interface RosteredNow {
  staffId: string
  staffName: string
  date: string
  shiftCode: string
  shiftName: string
  startsAt: string
  endsAt: string
}

export interface DutyCurrent {
  /** The caller's own open shift. */
  shift: DutyShiftRow | null
  /** The caller's handover in progress (as outgoing, or as the incoming clerk named on it), to resume it. */
  handover: { id: string; kind: 'shift' | 'dayClose'; outgoingName: string; incomingName: string | null; startedAt: string } | null
  /** The caller's shift is past its end plus the site's grace period and not handed over. */
  overdue: boolean
  /** Everyone on duty now (the custodian flagged). */
  onDuty: DutyShiftRow[]
  /** A closing of the desk waiting for the morning's first clerk to accept it. */
  awaitingClose: { id: string; outgoingName: string; closedAt: string; date: string; shiftName: string } | null
  /** Who the published roster has at the desk now (or starting within 2 hours). */
  rostered: RosteredNow[]
  /** Several terminals: where the desk's items sit (custody is taken and handed over only there). */
  custodyDesk: { name: string; here: boolean } | null
}

export interface OverdueShift {
  shiftId: string
  date: string
  shiftName: string
  staffId: string
  staffName: string
  endsAt: string
  overdueMinutes: number
  handoverId: string | null
}

export interface FollowUpRow {
  id: string
  at: string
  kind: FollowUpKind
  toRole: EscalationTarget | null
  note: string
  staffId: string
  staffName: string
}

export interface LogEntryRow {
  id: string
  shiftId: string
  shiftDate: string
  shiftName: string
  at: string
  kind: LogKind
  unitId: string | null
  unitLabel: string | null
  person: string | null
  content: string
  action: string | null
  passedTo: string | null
  /** As recorded. */
  status: LogStatus
  /** Now, after follow-ups: a closed or resolved item is 'done'. */
  state: LogStatus
  /** While escalated: to whom. */
  escalatedTo: EscalationTarget | null
  recordedById: string
  recordedByName: string
  correctsId: string | null
  correctionReason: string | null
  correctedById: string | null
  /** Its shift was handed over: only a correction can change it. */
  locked: boolean
  followUpCount: number
  /** Set on entries a handover made (count differences). */
  handoverId: string | null
  /** Who holds the item now (shared/duty/handoverRules holderOf). */
  holderId: string
  /** The reception record this entry stands for (shared/duty/kinds LOG_SOURCE_KINDS), or null. */
  sourceKind: LogSourceKind | null
  sourceId: string | null
  holderName: string
}

export interface LogEntryDetail extends LogEntryRow {
  followUps: FollowUpRow[]
}

export interface ReviewDay {
  date: string
  shiftCount: number
  entryCount: number
  openCount: number
}

export interface ReviewRow {
  id: string
  date: string
  reviewedAt: string
  reviewerId: string
  reviewerName: string
  remark: string | null
  entryCount: number
}

export interface QualityRow {
  id: string
  at: string
  checkedById: string
  checkedByName: string
  clerkId: string
  clerkName: string
  shiftId: string | null
  items: Array<{ item: QualityItem; ok: boolean; finding?: string }>
  failedCount: number
  findings: string | null
  improvement: string | null
}
