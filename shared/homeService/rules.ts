import { addDays } from '../time/calendar'
import { localDate, zonedIso } from '../time/zone'
import { addMinutesIso, clockAt, type ClockView } from '../reception/clock'
import { CALL_BACK_MINUTES, type HomeServiceStatus } from './schema'

/** The call-back is due 2 hours after the booking was taken. */
export const callBackDueAt = (bookedAt: string) => addMinutesIso(bookedAt, CALL_BACK_MINUTES)

/** 完成后即日回访: due by the end of the site's local day the service was finished. */
export const followUpDueAt = (doneAt: string, tz: string) => zonedIso(addDays(localDate(doneAt, tz), 1), '00:00', tz)

export interface HomeServiceFacts {
  bookedAt: string
  calledBackAt: string | null
  doneAt: string | null
  followedUpAt: string | null
  cancelledAt: string | null
}

export function homeServiceStatus(f: HomeServiceFacts): HomeServiceStatus {
  if (f.cancelledAt) return 'cancelled'
  if (f.followedUpAt) return 'followedUp'
  if (f.doneAt) return 'done'
  if (f.calledBackAt) return 'confirmed'
  return 'booked'
}

/**
 * The two clocks of a booking, from stored instants only. A booking cancelled before the call-back
 * stops its clock at the cancellation (nobody is waiting for a call any more).
 */
export function homeServiceClocks(f: HomeServiceFacts, tz: string, now: Date): { callBack: { dueAt: string; view: ClockView }; followUp: { dueAt: string; view: ClockView } | null } {
  const cbDue = callBackDueAt(f.bookedAt)
  const callBack = { dueAt: cbDue, view: clockAt({ startedAt: f.bookedAt, dueAt: cbDue, stoppedAt: f.calledBackAt ?? f.cancelledAt }, now) }
  if (!f.doneAt) return { callBack, followUp: null }
  const fuDue = followUpDueAt(f.doneAt, tz)
  return { callBack, followUp: { dueAt: fuDue, view: clockAt({ startedAt: f.doneAt, dueAt: fuDue, stoppedAt: f.followedUpAt ?? f.cancelledAt }, now) } }
}

/** Called back within the 2 hours (the KPI's 家居服务2小时回访). */
export const calledBackInTime = (bookedAt: string, calledBackAt: string | null) => !!calledBackAt && Date.parse(calledBackAt) <= Date.parse(callBackDueAt(bookedAt))
