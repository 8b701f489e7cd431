/**
 * A service clock of the reception desk (转单 3 分钟, 到场 15 分钟, 完工 8 小时, 回访当天, 家居服务回访
 * 2 小时 …), computed from stored instants only — never from a timer in memory — so it is right after a
 * restart and whatever time zone the PC's clock is set to. Instants are UTC ISO strings as stored.
 */
export type ClockState = 'running' | 'met' | 'breached' | 'late'

export interface ClockInput {
  /** When the clock started (e.g. the order was saved). */
  startedAt: string
  /** When it must be stopped by (UTC ISO), e.g. startedAt + 3 minutes, or the end of the local day. */
  dueAt: string
  /** When it was stopped (forwarded, arrived, done, called back), or null while running. */
  stoppedAt: string | null
}

export interface ClockView {
  state: ClockState
  /** Running: ms left (negative once past due). Stopped: ms between due and stop (positive = late). */
  leftMs: number
  /** By how much it was (or is) late; 0 when in time. */
  overMs: number
}

/**
 * running: not stopped and not yet due; late: not stopped and past due (red on the desk);
 * met: stopped in time; breached: stopped after it was due (a fact on the record for ever).
 */
export function clockAt(c: ClockInput, now: Date): ClockView {
  const due = Date.parse(c.dueAt)
  if (c.stoppedAt) {
    const over = Date.parse(c.stoppedAt) - due
    return { state: over > 0 ? 'breached' : 'met', leftMs: -over, overMs: Math.max(0, over) }
  }
  const left = due - now.getTime()
  return { state: left >= 0 ? 'running' : 'late', leftMs: left, overMs: Math.max(0, -left) }
}

export const addMinutesIso = (at: string, minutes: number) => new Date(Date.parse(at) + minutes * 60_000).toISOString()

/** "2分05秒", "1小时03分", "2天3小时": how long, in the words a clerk reads at a glance. */
export function spanLabel(ms: number): string {
  const s = Math.max(0, Math.floor(Math.abs(ms) / 1000))
  const d = Math.floor(s / 86400)
  const h = Math.floor((s % 86400) / 3600)
  const m = Math.floor((s % 3600) / 60)
  if (d > 0) return `${d}天${h}小时`
  if (h > 0) return `${h}小时${String(m).padStart(2, '0')}分`
  return `${m}分${String(s % 60).padStart(2, '0')}秒`
}
