import { z } from 'zod'
import { method } from '../api/contract'
import { READS_AUDIT } from '../roles'
import { optionalIsoDate } from '../validate/fields'
import type { AuditRow, ChainReport } from './schema'

/** 审计日志's filters: who (staff), what (area or one action), when (local dates, inclusive). */
export const auditListInput = z
  .object({
    page: z.number().int().min(1).default(1),
    pageSize: z.number().int().min(1).max(200).default(50),
    entity: z.string().max(40).optional(),
    staffId: z.string().max(64).optional(),
    area: z.string().regex(/^[a-zA-Z]{1,30}$/, { error: '操作类别不正确' }).optional(),
    action: z.string().regex(/^[a-zA-Z]{1,30}(\.[a-zA-Z]{1,30})?$/, { error: '操作不正确' }).optional(),
    from: optionalIsoDate('开始日期'),
    to: optionalIsoDate('结束日期'),
  })
  .refine((i) => !i.from || !i.to || i.from <= i.to, { error: '开始日期不能晚于结束日期', path: ['from'] })

export const auditApi = {
  'audit.list': method<{ rows: AuditRow[]; total: number }>()(auditListInput, READS_AUDIT),
  /** The people who appear in the trail (for the 操作人 filter). */
  'audit.people': method<Array<{ id: string; name: string; staffNo: string }>>()(z.object({}).optional(), READS_AUDIT),
  /** The actions that appear in the trail (for the 操作 filter). */
  'audit.actions': method<string[]>()(z.object({}).optional(), READS_AUDIT),
  'audit.verify': method<ChainReport>()(z.object({}).optional(), READS_AUDIT),
}
