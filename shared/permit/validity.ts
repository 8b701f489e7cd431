import { HOT_WORK_LEVEL_MAX_HOURS, PERMIT_STATE_LABELS, type HotWorkLevel, type PermitState } from './kinds'
import { no, ok, type Outcome, type PermitRecord, type PermitRecordOf } from './schema/record'
import type { PermitSettings } from './settings'
import { addMinutes, dayOf, isDay, isStamp, maxString, minutesBetween, type LocalStamp } from '../time/calendar'

/**
 * Validity rules shared by the kinds' field rules and the approval engine. Pure; the clock is `now`,
 * a local stamp (time.ts).
 */

// Permit times are the site's local wall clock (shared/time/calendar.ts): a document valid by the day
// runs from 00:00 of its first day to 24:00 of its last; one valid by the hour, from minute to minute.

/** `now` is before the start of validity `from` (a day starts at 00:00). */
export function notYetValid(from: string, now: LocalStamp): boolean {
  return from.length === 10 ? dayOf(now) < from : now < from
}

/** Validity `until` is over at `now`: a day ends at 24:00, a stamp at that minute. */
export function hasEnded(until: string, now: LocalStamp): boolean {
  return until.length === 10 ? dayOf(now) > until : now >= until
}

/** "2026-03-01 至 2026-05-31"; a window inside one day prints the day once: "2026-03-05 08:00 至 16:00". */
export function formatValidity(from: string, until: string): string {
  if (from.length > 10 && until.length > 10 && dayOf(from) === dayOf(until)) return `${from} 至 ${until.slice(11)}`
  return `${from} 至 ${until}`
}

/** The state as of `now`: an approved or issued document whose validity is over reads `expired`. */
export function effectiveState(record: Pick<PermitRecord, 'state' | 'validUntil'>, now: LocalStamp): PermitState {
  if ((record.state === 'approved' || record.state === 'issued') && hasEnded(record.validUntil, now)) return 'expired'
  return record.state
}

/** The renovation is approved (or its permit issued) and its period not over; else why not. */
export function renovationIsLive(
  renovation: PermitRecord | null,
  now: LocalStamp,
  purpose: string,
): Outcome<PermitRecordOf<'renovation'>> {
  if (!renovation || renovation.kind !== 'renovation') return no(`未找到本房屋的装修申请,不能${purpose}`, 'renovationSerial')
  const state = effectiveState(renovation, now)
  if (state === 'expired') return no(`装修期限已于 ${renovation.validUntil} 届满,不能${purpose}(请先办理装修延期)`, 'renovationSerial')
  if (state !== 'approved' && state !== 'issued') {
    return no(`装修申请${PERMIT_STATE_LABELS[state]},须经批准后才能${purpose}`, 'renovationSerial')
  }
  return ok(renovation)
}

/**
 * A worker pass's validity: from today (or the renovation's start, if later) to the end of the
 * renovation, unless shorter dates are asked for; never beyond the renovation period. The renovation
 * must be approved and not expired (前台日常工作流程 2c).
 */
export function workerPassValidity(
  renovation: PermitRecord | null,
  requested: { from?: string; until?: string },
  now: LocalStamp,
): Outcome<{ validFrom: string; validUntil: string }> {
  const live = renovationIsLive(renovation, now, '办理出入证')
  if (!live.ok) return live
  const r = live.value
  const today = dayOf(now)
  if (requested.from !== undefined && !isDay(requested.from)) return no('出入证开始日期格式应为 YYYY-MM-DD', 'validFrom')
  if (requested.until !== undefined && !isDay(requested.until)) return no('出入证有效期至格式应为 YYYY-MM-DD', 'validUntil')
  const validFrom = requested.from ?? maxString(today, r.validFrom)
  const validUntil = requested.until ?? r.validUntil
  if (validFrom < today) return no('出入证开始日期不能早于今天', 'validFrom')
  if (validFrom < r.validFrom) return no(`出入证开始日期不能早于装修开工日期(${r.validFrom})`, 'validFrom')
  if (validUntil > r.validUntil) return no(`出入证有效期不能超过装修期限(至 ${r.validUntil})`, 'validUntil')
  if (validUntil < validFrom) return no('出入证有效期至不能早于开始日期', 'validUntil')
  return ok({ validFrom, validUntil })
}

/** The longest hot-work window: the site's setting, and never more than GB 30871 allows for the level. */
export function hotWorkMaxHours(level: HotWorkLevel, settings: Pick<PermitSettings, 'hotWorkMaxHours'>): number {
  return Math.min(settings.hotWorkMaxHours, HOT_WORK_LEVEL_MAX_HOURS[level])
}

/**
 * The hot-work window. Without an end: as long as allowed, but ending the same day (23:59) at the
 * latest. With an end: after the start and at most `maxHours` later.
 */
export function hotWorkWindow(
  start: LocalStamp,
  end: LocalStamp | undefined,
  maxHours: number,
): Outcome<{ validFrom: LocalStamp; validUntil: LocalStamp }> {
  if (!isStamp(start)) return no('动火开始时间格式应为 YYYY-MM-DD HH:mm', 'start')
  if (!Number.isInteger(maxHours) || maxHours < 1) return no('动火最长时间设置不正确', 'end')
  if (end === undefined) {
    const sameDayEnd = `${dayOf(start)} 23:59`
    const full = addMinutes(start, maxHours * 60)
    return ok({ validFrom: start, validUntil: full < sameDayEnd ? full : sameDayEnd })
  }
  if (!isStamp(end)) return no('动火结束时间格式应为 YYYY-MM-DD HH:mm', 'end')
  if (end <= start) return no('动火结束时间应晚于开始时间', 'end')
  if (minutesBetween(start, end) > maxHours * 60) return no(`动火时间不能超过${maxHours}小时`, 'end')
  return ok({ validFrom: start, validUntil: end })
}
