import { cardApi } from '../../../shared/cards/api'
import { implement } from '../methods'
import { cardHistory, exportBlockList } from './gate'
import { issueCard, moveStock, replaceCard, reportLost, retireKind, returnCard, saveKind } from './issue'
import { cardRows, listKinds, stockOf } from './read'
import { printReceipt } from './receipt'

/** The page lists the latest cards; any other card is found by its number, unit or holder. */
const LIST_LIMIT = 500

export const cardMethods = implement(cardApi, {
  'card.kinds': (_i, ctx) => listKinds(ctx.db.read),
  'card.kindSave': (i, ctx) => saveKind(ctx, i),
  'card.kindRetire': (i, ctx) => retireKind(ctx, i.id),
  'card.stock': (_i, ctx) => stockOf(ctx.db.read),
  'card.stockMove': (i, ctx) => moveStock(ctx, i),
  'card.issue': (i, ctx) => issueCard(ctx, i),
  'card.lost': (i, ctx) => reportLost(ctx, i),
  'card.replace': (i, ctx) => replaceCard(ctx, i),
  'card.return': (i, ctx) => returnCard(ctx, i),
  'card.list': (i, ctx) =>
    i?.cardNo
      ? cardRows(ctx.db.read, 'c.card_no = ?', [i.cardNo.trim().toUpperCase()])
      : i?.unitId
        ? cardRows(ctx.db.read, 'c.unit_id = ?', [i.unitId])
        : i?.residentId
          ? cardRows(ctx.db.read, 'c.holder_resident_id = ?', [i.residentId])
          : cardRows(ctx.db.read, '1=1', [], LIST_LIMIT),
  'card.history': (i, ctx) => cardHistory(ctx, i),
  'card.exportBlockList': (i, ctx) => exportBlockList(ctx, i.scope),
  'card.printReceipt': (i, ctx) => printReceipt(ctx, i.id),
})
