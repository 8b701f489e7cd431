import { z } from 'zod'
import { method } from '../api/contract'
import { READS_AUDIT } from '../roles'
import type { AuditRow, ChainReport } from './schema'

export const auditApi = {
  'audit.list': method<{ rows: AuditRow[]; total: number }>()(
    z.object({
      page: z.number().int().min(1).default(1),
      pageSize: z.number().int().min(1).max(200).default(50),
      entity: z.string().max(40).optional(),
    }),
    READS_AUDIT,
  ),
  'audit.verify': method<ChainReport>()(z.object({}).optional(), READS_AUDIT),
}
