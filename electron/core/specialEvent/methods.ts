import { specialEventApi } from '../../../shared/specialEvent/api'
import { implement } from '../methods'
import { printSpecialEvent } from './print'
import { specialEventRows, waitingForRole } from './read'
import { markRead, report } from './service'

export const specialEventMethods = implement(specialEventApi, {
  'specialEvent.report': (i, ctx) => report(ctx, i),
  'specialEvent.read': (i, ctx) => markRead(ctx, i),
  'specialEvent.list': (i, ctx) => (i?.waitingFor ? specialEventRows(ctx.db.read, waitingForRole(i.waitingFor), [], 500) : specialEventRows(ctx.db.read)),
  'specialEvent.print': (i, ctx) => printSpecialEvent(ctx, i.id),
})
