import crypto from 'node:crypto'
import { makeClock, setClock, Timestamp, type Clock } from '@actual-app/crdt'

// Actual's clock refuses a peer's timestamp more than 5 minutes ahead; issue H wants such changes
// still accepted in clock order (the screen warns about the skew instead), so the bound is widened.
Timestamp.init({ maxDrift: 10 * 365 * 24 * 3600 * 1000 })

/** The 16-hex node of a terminal in its timestamps (terminal ids are not always hex). */
export const nodeOf = (terminalId: string) => crypto.createHash('sha256').update(terminalId).digest('hex').slice(0, 16).toUpperCase()

/**
 * One terminal's hybrid logical clock, using Actual's Timestamp. Actual keeps one clock per module;
 * several cores in one process (tests) each keep their own and install it for the synchronous
 * send/recv call only, so they never see each other's.
 */
export class TerminalClock {
  private readonly clock: Clock

  constructor(terminalId: string, last?: string | null) {
    const node = nodeOf(terminalId)
    const prev = last ? Timestamp.parse(last) : null
    this.clock = makeClock(new Timestamp(prev?.millis() ?? 0, prev?.counter() ?? 0, node))
  }

  /** A new timestamp for a local transaction (monotonic, above every one seen). */
  send(): string {
    setClock(this.clock)
    return Timestamp.send()!.toString()
  }

  /** Moves the clock past a received timestamp (so our next changes order after it). */
  recv(hlc: string): void {
    const ts = Timestamp.parse(hlc)
    if (!ts) throw new Error(`invalid timestamp ${hlc}`)
    setClock(this.clock)
    Timestamp.recv(ts)
  }
}

export const isTimestamp = (s: unknown): s is string => typeof s === 'string' && s.length === 46 && Timestamp.parse(s) !== null
