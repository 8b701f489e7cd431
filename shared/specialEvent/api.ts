import { z } from 'zod'
import { method } from '../api/contract'
import type { PdfFile } from '../print/api'
import { READS_SPECIAL_EVENTS, REPORTS_SPECIAL_EVENTS, specialEventListInput, specialEventReadInput, specialEventReportInput, type SpecialEventRow } from './schema'

export * from './schema'

const byId = z.object({ id: z.string({ error: '特殊事件报告编号不能为空' }).min(1, { error: '特殊事件报告编号不能为空' }).max(64) })

/** 特殊事件报告: filed at the desk, read (批示) by the supervisor and the director from their queue. */
export const specialEventApi = {
  'specialEvent.report': method<SpecialEventRow>()(specialEventReportInput, REPORTS_SPECIAL_EVENTS),
  /** Marks it read by the caller's role (客服主管 or 主任); the queue is per role. */
  'specialEvent.read': method<SpecialEventRow>()(specialEventReadInput, ['supervisor', 'director']),
  'specialEvent.list': method<SpecialEventRow[]>()(specialEventListInput, READS_SPECIAL_EVENTS),
  'specialEvent.print': method<PdfFile>()(byId, READS_SPECIAL_EVENTS),
}
