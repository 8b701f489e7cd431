import crypto from 'node:crypto'

const IDLE_MS = 12 * 60 * 60 * 1000

/**
 * Logged-in sessions of this core, in memory: a restart asks everyone to log in again, which is
 * what a shared desk PC wants. The staff row is re-read on every call, so disabling someone or
 * changing their roles takes effect at once.
 */
export class Sessions {
  private readonly map = new Map<string, { staffId: string; seen: number }>()

  constructor(private readonly now: () => Date) {}

  open(staffId: string): string {
    const token = crypto.randomBytes(24).toString('base64url')
    this.map.set(token, { staffId, seen: this.now().getTime() })
    return token
  }

  staffOf(token: string | null | undefined): string | null {
    if (!token) return null
    const s = this.map.get(token)
    if (!s) return null
    const t = this.now().getTime()
    if (t - s.seen > IDLE_MS) {
      this.map.delete(token)
      return null
    }
    s.seen = t
    return s.staffId
  }

  close(token: string): void {
    this.map.delete(token)
  }

  /**
   * Ends every session of one person (disabled, PIN reset or changed), except `keep` — the session
   * that changed its own PIN by proving the old one. Sessions live in this core only: with LAN sync,
   * another terminal must end its own when the changed staff row reaches it (left to the sync issue).
   */
  closeAllOf(staffId: string, keep?: string | null): number {
    let n = 0
    for (const [t, s] of this.map) {
      if (s.staffId === staffId && t !== keep) {
        this.map.delete(t)
        n++
      }
    }
    return n
  }
}
