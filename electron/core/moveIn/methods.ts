import { moveInApi } from '../../../shared/moveIn/api'
import { notFound } from '../errors'
import { implement } from '../methods'
import { printMoveIn } from './print'
import { moveInRow, moveInRows } from './read'
import { issueMoveInCard, readDocuments, saveDocuments, signMoveIn, startMoveIn, updateMoveIn } from './service'

export const moveInMethods = implement(moveInApi, {
  'moveIn.documents': (_i, ctx) => readDocuments(ctx.db.read),
  'moveIn.saveDocuments': (i, ctx) => saveDocuments(ctx, i.documents),
  'moveIn.start': (i, ctx) => startMoveIn(ctx, i),
  'moveIn.update': (i, ctx) => updateMoveIn(ctx, i),
  'moveIn.issueCard': (i, ctx) => issueMoveInCard(ctx, i),
  'moveIn.sign': (i, ctx) => signMoveIn(ctx, i),
  'moveIn.get': async (i, ctx) => {
    const m = await moveInRow(ctx.db.read, i.id)
    if (!m) throw notFound('入住手续')
    return m
  },
  'moveIn.list': (i, ctx) => (i?.unitId ? moveInRows(ctx.db.read, 'm.unit_id = ?', [i.unitId]) : moveInRows(ctx.db.read)),
  'moveIn.print': (i, ctx) => printMoveIn(ctx, i.id),
})
