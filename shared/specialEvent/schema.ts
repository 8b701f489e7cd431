import { z } from 'zod'
import { localStampField } from '../reception/fields'
import type { Role } from '../roles'
import { entityId, optionalText, text } from '../validate/fields'

/**
 * 特殊事件报告 (seed 003: 遇特殊事件须上报解决,认真填写《特殊事件报告》; 处理完毕后,填写特殊事件报告):
 * what happened, where, when, who was told, what was done. Filed, it is a fact (never edited) and goes
 * at once to the 客服主管's and the 主任's queue; each reads it (and may add 批示) once.
 */
export const REPORTS_SPECIAL_EVENTS: readonly Role[] = ['clerk', 'admin', 'supervisor']
export const READS_SPECIAL_EVENTS: readonly Role[] = ['clerk', 'admin', 'supervisor', 'director']
/** The two queues the report goes to. */
export const SPECIAL_EVENT_READERS = ['supervisor', 'director'] as const
export type SpecialEventReader = (typeof SPECIAL_EVENT_READERS)[number]
export const SPECIAL_EVENT_READER_LABELS: Record<SpecialEventReader, string> = { supervisor: '客服主管', director: '主任' }

export const specialEventReportInput = z.object({
  title: text('事件', 60),
  place: text('地点', 60),
  /** Optional: an event in a unit (blank = none). */
  unitId: z.string().trim().max(64).optional().transform((v) => (v ? v : undefined)),
  occurredAt: localStampField('发生时间'),
  whatHappened: text('经过', 1000),
  toldWhom: text('已通知', 200),
  actions: text('处理措施', 1000),
})
export const specialEventReadInput = z.object({ id: entityId('特殊事件报告'), remark: optionalText('批示', 300) })
export const specialEventListInput = z.object({ waitingFor: z.enum(SPECIAL_EVENT_READERS).optional() }).optional()

export interface SpecialEventRead {
  role: SpecialEventReader
  staffName: string
  at: string
  remark: string | null
}

export interface SpecialEventRow {
  id: string
  serial: string
  title: string
  place: string
  unitId: string | null
  unitLabel: string | null
  occurredAt: string
  whatHappened: string
  toldWhom: string
  actions: string
  reportedAt: string
  reportedByName: string
  reads: SpecialEventRead[]
  /** The queues still waiting for it. */
  waitingFor: SpecialEventReader[]
}
