import { clockAt, spanLabel, type ClockState } from '../reception/clock'
import { addDays } from '../time/calendar'
import { localDate, zonedIso } from '../time/zone'

/**
 * The clocks of one repair order, from its stored instants only (shared/reception/clock.ts):
 * 转单 from the call until engineering has it; for an urgent repair 到场 and 完工 from the call
 * (the owner's wait is what the site commits to); 回访 from completion until the call-back.
 */
export const REPAIR_CLOCKS = ['forward', 'onSite', 'done', 'callback'] as const
export type RepairClock = (typeof REPAIR_CLOCKS)[number]
export const REPAIR_CLOCK_LABELS: Record<RepairClock, string> = { forward: '转单', onSite: '到场', done: '完工', callback: '回访' }

export interface RepairTimes {
  receivedAt: string
  forwardDueAt: string
  onSiteDueAt: string | null
  doneDueAt: string | null
  forwardedAt: string | null
  arrivedAt: string | null
  completedAt: string | null
  callbackDueAt: string | null
  closedAt: string | null
}

export interface RepairClockView {
  clock: RepairClock
  label: string
  state: ClockState
  dueAt: string
  stoppedAt: string | null
  leftMs: number
  overMs: number
}

/** Every clock that has started (a clock not started yet is not shown). */
export function repairClocks(t: RepairTimes, now: Date): RepairClockView[] {
  const out: RepairClockView[] = []
  const add = (clock: RepairClock, startedAt: string, dueAt: string | null, stoppedAt: string | null) => {
    if (!dueAt) return
    out.push({ clock, label: REPAIR_CLOCK_LABELS[clock], dueAt, stoppedAt, ...clockAt({ startedAt, dueAt, stoppedAt }, now) })
  }
  add('forward', t.receivedAt, t.forwardDueAt, t.forwardedAt)
  add('onSite', t.receivedAt, t.onSiteDueAt, t.arrivedAt)
  add('done', t.receivedAt, t.doneDueAt, t.completedAt)
  if (t.completedAt) add('callback', t.completedAt, t.callbackDueAt, t.closedAt)
  return out
}

/** The clock stopping now, if any, and by how much it is late (a breach to store as a fact). */
export function breachOf(clock: RepairClockView | undefined): { clock: RepairClock; dueAt: string; stoppedAt: string; overMs: number } | null {
  if (!clock || clock.state !== 'breached' || !clock.stoppedAt) return null
  return { clock: clock.clock, dueAt: clock.dueAt, stoppedAt: clock.stoppedAt, overMs: clock.overMs }
}

/** '转单 剩2分05秒' / '到场 超时3分10秒' / '完工 按时' / '回访 超时1小时02分': a clock as the desk reads it. */
export function clockText(c: Pick<RepairClockView, 'label' | 'state' | 'leftMs' | 'overMs'>): string {
  if (c.state === 'running') return `${c.label} 剩${spanLabel(c.leftMs)}`
  if (c.state === 'late') return `${c.label} 超时${spanLabel(c.overMs)}`
  if (c.state === 'met') return `${c.label} 按时`
  return `${c.label} 超时${spanLabel(c.overMs)}`
}

/**
 * When the call-back is due for a repair completed at `completedAt`: the end of that local day of the
 * site (当天回访; a repair done at 23:50 leaves ten minutes — the rule as the site wrote it), or
 * `callbackHours` later. The site's zone, never the PC's.
 */
export function callbackDueAt(completedAt: string, s: { callbackSameDay: boolean; callbackHours: number }, tz: string): string {
  if (!s.callbackSameDay) return new Date(Date.parse(completedAt) + s.callbackHours * 3_600_000).toISOString()
  return zonedIso(addDays(localDate(completedAt, tz), 1), '00:00', tz)
}
