import { permitApi } from '../../../shared/permit/api'
import { implement } from '../methods'
import { applyPermit } from './apply'
import { fileById } from './files'
import { listDeposits } from './ledger'
import { listPermits, reviewQueue } from './list'
import { issueBatch, returnPermit } from './passes'
import { printPasses, printPermit } from './print'
import { reviewPermit } from './review'
import { usePermit, verifyPermit } from './verify'
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
  'permit.verify': (i, ctx) => verifyPermit(ctx, i.text),
  'permit.use': (i, ctx) => usePermit(ctx, i.text),
  'permit.file': (i, ctx) => fileById(ctx.db.read, i.id),
  'workerPass.issueBatch': (i, ctx) => issueBatch(ctx, i),
  'deposit.list': (i, ctx) => listDeposits(ctx, i),
})
