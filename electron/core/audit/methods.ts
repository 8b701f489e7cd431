import { auditApi } from '../../../shared/audit/api'
import { implement } from '../methods'
import { getSiteRow } from '../site/service'
import { auditActions, auditPeople, listAudit } from './list'
import { outsideAnchors, verifyChain } from './verify'

export const auditMethods = implement(auditApi, {
  'audit.list': async (i, ctx) => listAudit(ctx.db.read, i, (await getSiteRow(ctx.db.read))?.timeZone ?? 'Asia/Shanghai'),
  'audit.people': (_i, ctx) => auditPeople(ctx.db.read),
  'audit.actions': (_i, ctx) => auditActions(ctx.db.read),
  'audit.verify': (_i, ctx) => verifyChain(ctx.db.read, outsideAnchors(ctx.auditHeads, ctx.backupDir)),
})
