import type { Role } from '../../shared/roles'
import type { Sessions } from './auth/sessions'
import type { DeskDb } from './db/connection'

export interface SessionStaff {
  id: string
  staffNo: string
  name: string
  roles: Role[]
}

/** What every service call receives: the database, this terminal, the clock and the caller. */
export interface Ctx {
  db: DeskDb
  terminalId: string
  now: () => Date
  staff: SessionStaff | null
  token: string | null
  sessions: Sessions
  /** Where copies of the database go (user data/backups). */
  backupDir: string
}

export const iso = (d: Date) => d.toISOString()

/** Columns a new synced row gets. */
export function newRowMeta(ctx: Ctx, id: string) {
  const at = iso(ctx.now())
  return { id, createdAt: at, updatedAt: at, terminalId: ctx.terminalId, deletedAt: null }
}
