import { repairApi } from '../../../shared/repair/api'
import { localDayRange } from '../../../shared/time/zone'
import { notFound } from '../errors'
import { implement } from '../methods'
import { getSite } from '../site/service'
import type { Ctx } from '../context'
import { createRepair, updateRepair } from './orders'
import { printDay, printOrder } from './print'
import { openOrders, orderDetail, ordersOfDay } from './read'
import { repairSettings, saveRepairSettings } from './settings'
import { arriveRepair, callbackRepair, completeRepair, forwardRepair, toldRepair } from './steps'

async function detail(ctx: Ctx, id: string) {
  const d = await orderDetail(ctx.db.read, id, ctx.now())
  if (!d) throw notFound('维修单')
  return d
}

async function dayRows(ctx: Ctx, date: string) {
  const range = localDayRange(date, date, (await getSite(ctx)).timeZone)
  return ordersOfDay(ctx.db.read, range, ctx.now())
}

export const repairMethods = implement(repairApi, {
  'repair.settings': (_i, ctx) => repairSettings(ctx.db.read),
  'repair.saveSettings': (i, ctx) => saveRepairSettings(ctx, i),
  'repair.create': (i, ctx) => createRepair(ctx, i),
  'repair.update': (i, ctx) => updateRepair(ctx, i),
  'repair.forward': (i, ctx) => forwardRepair(ctx, i),
  'repair.told': (i, ctx) => toldRepair(ctx, i),
  'repair.arrive': (i, ctx) => arriveRepair(ctx, i),
  'repair.complete': (i, ctx) => completeRepair(ctx, i),
  'repair.callback': (i, ctx) => callbackRepair(ctx, i),
  'repair.open': async (_i, ctx) => {
    const now = ctx.now()
    return { now: now.toISOString(), rows: await openOrders(ctx.db.read, now) }
  },
  'repair.get': (i, ctx) => detail(ctx, i.id),
  'repair.day': async (i, ctx) => ({ now: ctx.now().toISOString(), rows: await dayRows(ctx, i.date) }),
  'repair.photo': async (i, ctx) => {
    const f = await ctx.db.read.get<{ id: string; label: string; fileName: string; mime: string; sizeBytes: number; dataUrl: string }>(
      'SELECT id, label, file_name AS fileName, mime, size_bytes AS sizeBytes, data_url AS dataUrl FROM repair_files WHERE id = ? AND deleted_at IS NULL',
      [i.id],
    )
    if (!f) throw notFound('照片')
    return f
  },
  'repair.print': async (i, ctx) => printOrder(ctx, await detail(ctx, i.id)),
  'repair.printDay': async (i, ctx) => {
    const rows = await dayRows(ctx, i.date)
    return printDay(ctx, i.date, await Promise.all(rows.map((r) => detail(ctx, r.id))))
  },
})
