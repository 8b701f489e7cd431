import { handoverApi, logApi, rosterApi } from '../../../shared/duty/api'
import { implement } from '../methods'
import { currentDuty, listShifts, overdueShifts, startDuty } from './dutyShift'
import { escalationQueue, resolveEscalation } from './escalation'
import { ackItem, ackKey, askItem, checkItem, countItem, explainItem, setIncoming, startHandover } from './handover'
import { verifyChain } from './handoverChain'
import { listHandovers } from './handoverList'
import { signHandover } from './handoverSign'
import { buildView } from './handoverView'
import { cancelLeave, decideLeave, listLeave, requestLeave } from './leave'
import { addEntry, correctEntry, logTemplates, updateEntry } from './logEntry'
import { listEntries } from './logQuery'
import { entryDetail } from './logRows'
import { closeItem, escalateItem, followUp, pendingItems } from './pending'
import { addQualityCheck, listQualityChecks } from './qualityCheck'
import { listReviews, markReviewed, reviewQueue } from './review'
import { copyPrevious, getRoster, publishRoster, rosterReminder, saveDraft } from './roster'

export const rosterMethods = implement(rosterApi, {
  'roster.get': (i, ctx) => getRoster(ctx, i.month),
  'roster.saveDraft': (i, ctx) => saveDraft(ctx, i),
  'roster.copyPrevious': (i, ctx) => copyPrevious(ctx, i.month),
  'roster.publish': (i, ctx) => publishRoster(ctx, i.month),
  'roster.reminder': (_i, ctx) => rosterReminder(ctx),
  'leave.request': (i, ctx) => requestLeave(ctx, i),
  'leave.decide': (i, ctx) => decideLeave(ctx, i),
  'leave.cancel': (i, ctx) => cancelLeave(ctx, i.id),
  'leave.list': (i, ctx) => listLeave(ctx, i),
})

export const logMethods = implement(logApi, {
  'duty.current': (_i, ctx) => currentDuty(ctx),
  'duty.start': (i, ctx) => startDuty(ctx, i),
  'duty.list': (i, ctx) => listShifts(ctx, i),
  'shift.overdue': (_i, ctx) => overdueShifts(ctx),
  'log.add': (i, ctx) => addEntry(ctx, i),
  'log.update': (i, ctx) => updateEntry(ctx, i),
  'log.correct': (i, ctx) => correctEntry(ctx, i),
  'log.get': (i, ctx) => entryDetail(ctx.db.read, i.id),
  'log.list': (i, ctx) => listEntries(ctx, i),
  'log.pending': (_i, ctx) => pendingItems(ctx),
  'log.followUp': (i, ctx) => followUp(ctx, i.id, i.note),
  'log.close': (i, ctx) => closeItem(ctx, i.id, i.note),
  'log.escalate': (i, ctx) => escalateItem(ctx, i.id, i.to, i.note),
  'log.templates': (_i, ctx) => logTemplates(ctx),
  'escalation.queue': (i, ctx) => escalationQueue(ctx, i?.to),
  'escalation.resolve': (i, ctx) => resolveEscalation(ctx, i.id, i.note),
  'review.queue': (_i, ctx) => reviewQueue(ctx),
  'review.mark': (i, ctx) => markReviewed(ctx, i.date, i.remark),
  'review.list': (i, ctx) => listReviews(ctx, i),
  'quality.add': (i, ctx) => addQualityCheck(ctx, i),
  'quality.list': (i, ctx) => listQualityChecks(ctx, i),
})

export const handoverMethods = implement(handoverApi, {
  'handover.start': (i, ctx) => startHandover(ctx, i),
  'handover.get': (i, ctx) => buildView(ctx.db.read, i.id, ctx.now()),
  'handover.incoming': (i, ctx) => setIncoming(ctx, i),
  'handover.ack': (i, ctx) => ackItem(ctx, i),
  'handover.ackKey': (i, ctx) => ackKey(ctx, i),
  'handover.ask': (i, ctx) => askItem(ctx, i),
  'handover.check': (i, ctx) => checkItem(ctx, i),
  'handover.count': (i, ctx) => countItem(ctx, i),
  'handover.explain': (i, ctx) => explainItem(ctx, i),
  'handover.sign': (i, ctx) => signHandover(ctx, i),
  'handover.list': (i, ctx) => listHandovers(ctx, i),
  'handover.verify': (_i, ctx) => verifyChain(ctx.db.read),
})

export const dutyMethods = [rosterMethods, logMethods, handoverMethods]
