import { doubleUses } from './doubleUse'
import { permitApi } from '../../../shared/permit/api'
import { implement } from '../methods'
import { applyPermit } from './apply'
import { readFile } from './files'
import { inspectRenovation } from './inspect'
import { renovationLeads } from './leads'
import { listDeposits } from './ledger'
import { listPermits, reviewQueue } from './list'
import { issueBatch, returnPermit } from './passes'
import { printPasses, printPermit } from './print'
import { reviewPermit } from './review'
import { usePermit, verifyPermit } from './verify'
import { checkAllSeals } from './seal'
import { buildView } from './view'
import { voidPermit } from './voiding'

export const permitMethods = implement(permitApi, {
  'permit.apply': (i, ctx) => applyPermit(ctx, i),
  'permit.get': (i, ctx) => buildView(ctx, i.id),
  'permit.list': (i, ctx) => listPermits(ctx, i),
  'permit.queue': (_i, ctx) => reviewQueue(ctx),
  'permit.review': (i, ctx) => reviewPermit(ctx, i),
  'permit.print': (i, ctx) => printPermit(ctx, i.id),
  'permit.printPasses': (i, ctx) => printPasses(ctx, i.ids),
  'permit.void': (i, ctx) => voidPermit(ctx, i),
  'permit.return': (i, ctx) => returnPermit(ctx, i),
  'permit.inspect': (i, ctx) => inspectRenovation(ctx, i),
  'permit.verify': (i, ctx) => verifyPermit(ctx, i.text),
  'permit.use': (i, ctx) => usePermit(ctx, i.text),
  'permit.doubleUses': (_i, ctx) => doubleUses(ctx),
  'permit.file': (i, ctx) => readFile(ctx, i.id),
  'workerPass.issueBatch': (i, ctx) => issueBatch(ctx, i),
  'permit.checkSeals': (_i, ctx) => checkAllSeals(ctx.db.read),
  'deposit.list': (i, ctx) => listDeposits(ctx, i),
  'permit.renovationLeads': (i, ctx) => renovationLeads(ctx, i.unitId),
})
