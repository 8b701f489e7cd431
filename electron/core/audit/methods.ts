import { auditApi } from '../../../shared/audit/api'
import { implement } from '../methods'
import { listAudit, verifyChain } from './service'

export const auditMethods = implement(auditApi, {
  'audit.list': (i, ctx) => listAudit(ctx.db.read, i.page, i.pageSize, i.entity),
  'audit.verify': (_i, ctx) => verifyChain(ctx.db.read),
})
