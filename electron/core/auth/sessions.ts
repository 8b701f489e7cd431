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

  closeAllOf(staffId: string): void {
    for (const [t, s] of this.map) if (s.staffId === staffId) this.map.delete(t)
  }
}
