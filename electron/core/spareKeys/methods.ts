import { spareKeyApi } from '../../../shared/spareKeys/api'
import { implement } from '../methods'
import { getSite } from '../site/service'
import { addCollector, collectorFile, endCollector } from './collectors'
import { closeDeposit, deposit, release, returnKeys } from './custody'
import { forUnit, history, listDeposits } from './read'
import { printReceipt } from './receipt'
import { unitOf } from '../permit/applicant'

export { spareKeysHeld } from './read'

export const spareKeyMethods = implement(spareKeyApi, {
  'spareKey.list': (i, ctx) => listDeposits(ctx.db.read, { unitId: i?.unitId, includeClosed: i?.includeClosed }),
  'spareKey.forUnit': async (i, ctx) => {
    await unitOf(ctx.db.read, i.unitId)
    return forUnit(ctx.db.read, i.unitId, ctx.now(), (await getSite(ctx)).timeZone)
  },
  'spareKey.deposit': (i, ctx) => deposit(ctx, i),
  'spareKey.release': (i, ctx) => release(ctx, i),
  'spareKey.return': (i, ctx) => returnKeys(ctx, i),
  'spareKey.close': (i, ctx) => closeDeposit(ctx, i),
  'spareKey.history': (i, ctx) => history(ctx.db.read, i),
  'spareKey.printReceipt': (i, ctx) => printReceipt(ctx, i.id),
  'spareKeyCollector.add': (i, ctx) => addCollector(ctx, i),
  'spareKeyCollector.end': (i, ctx) => endCollector(ctx, i),
  'spareKeyCollector.file': (i, ctx) => collectorFile(ctx, i.id),
})
