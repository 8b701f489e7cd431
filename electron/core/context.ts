import type { Role } from '../../shared/roles'
import type { AuditHeadStore } from './audit/heads'
import type { Sessions } from './auth/sessions'
import type { DeskDb } from './db/connection'
import type { Replica } from './sync/replica'
import type { SyncService } from './sync/service'

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
  /** The audit chains' heads outside the database (terminal settings); absent in scripts and benches. */
  auditHeads?: AuditHeadStore
  /** This terminal's replica of the site's records (LAN sync): capture, clock, serve and apply. */
  replica?: Replica
  /** LAN sync (the sync port, peers, pairing); absent where the terminal has no identity (scripts, most tests). */
  sync?: SyncService
  /** Closes the database, lets `swap` replace the file, and opens it again (restore from a backup). */
  reopen?: (swap: (dbFile: string) => Promise<(() => Promise<void>) | void>) => Promise<DeskDb>
}

export const iso = (d: Date) => d.toISOString()

/** Columns a new synced row gets. */
export function newRowMeta(ctx: Ctx, id: string) {
  const at = iso(ctx.now())
  return { id, createdAt: at, updatedAt: at, terminalId: ctx.terminalId, deletedAt: null }
}
