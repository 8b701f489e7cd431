import { homeServiceApi } from '../../../shared/homeService/api'
import { localDayRange } from '../../../shared/time/zone'
import { implement } from '../methods'
import { siteZone } from '../reception/siteZone'
import { printRegister } from './print'
import { homeServiceRows } from './read'
import { book, callBack, cancel, done, followUp, readPrices, savePrices } from './service'

/** Open bookings (not followed up, not cancelled), or those booked in a period. */
const OPEN = `NOT EXISTS (SELECT 1 FROM home_service_steps s WHERE s.home_service_id = h.id AND s.step IN ('followUp', 'cancel'))`

export const homeServiceMethods = implement(homeServiceApi, {
  'homeService.prices': (_i, ctx) => readPrices(ctx.db.read),
  'homeService.savePrices': (i, ctx) => savePrices(ctx, i),
  'homeService.book': (i, ctx) => book(ctx, i),
  'homeService.callBack': (i, ctx) => callBack(ctx, i),
  'homeService.done': (i, ctx) => done(ctx, i),
  'homeService.followUp': (i, ctx) => followUp(ctx, i),
  'homeService.cancel': (i, ctx) => cancel(ctx, i),
  'homeService.list': async (i, ctx) => {
    const r = ctx.db.read
    const tz = await siteZone(r)
    const now = ctx.now()
    if (i?.from && i?.to) {
      const range = localDayRange(i.from, i.to, tz)
      return { rows: await homeServiceRows(r, tz, now, 'h.booked_at >= ? AND h.booked_at < ?', [range.from, range.to]), now: now.toISOString() }
    }
    return { rows: await homeServiceRows(r, tz, now, i?.open === false ? '1=1' : OPEN, [], 200), now: now.toISOString() }
  },
  'homeService.print': (i, ctx) => printRegister(ctx, i.from, i.to),
})
