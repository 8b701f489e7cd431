import path from 'node:path'
import type { Result } from '../../shared/api/contract'
import type { In, MethodName, Out } from '../../shared/api'
import { Sessions } from './auth/sessions'
import type { DeskDb } from './db/connection'
import type { MigrationReport } from './db/migrate'
import { dailyBackup } from './db/backup'
import { openDeskDb } from './db/open'
import { dispatch } from './dispatch'

export interface CoreOptions {
  /** The user-data folder: desk.sqlite and backups/ live here. */
  dataDir: string
  terminalId: string
  migrationsDir: string
  now?: () => Date
  /** A daily copy of the database (checked at start and every hour): on in the app, off in tests. */
  autoBackup?: boolean
}

export interface Core {
  db: DeskDb
  dbFile: string
  backupDir: string
  terminalId: string
  migration: MigrationReport
  openMs: number
  call(name: string, input: unknown, token: string | null): Promise<Result<unknown>>
  close(): Promise<void>
}

/** The desk without Electron: open (check, back up, migrate) the database and serve the contract. */
export async function openCore(opts: CoreOptions): Promise<Core> {
  const dbFile = path.join(opts.dataDir, 'desk.sqlite')
  const backupDir = path.join(opts.dataDir, 'backups')
  const { db, migration, openMs } = await openDeskDb(dbFile, opts.migrationsDir, backupDir)
  const now = opts.now ?? (() => new Date())
  const base = { db, terminalId: opts.terminalId, now, sessions: new Sessions(now), backupDir }
  let timer: NodeJS.Timeout | undefined
  if (opts.autoBackup) {
    const daily = () => dailyBackup(db, backupDir, now()).catch((e) => console.error('[desk] 自动备份失败', e))
    void daily()
    timer = setInterval(daily, 60 * 60 * 1000)
    timer.unref()
  }
  return {
    db,
    dbFile,
    backupDir,
    terminalId: opts.terminalId,
    migration,
    openMs,
    call: (name, input, token) => dispatch(base, name, input, token),
    close: () => {
      clearInterval(timer)
      return db.close()
    },
  }
}

/** Typed helper for tests and scripts: throws the desk error instead of returning it. */
export async function callOk<M extends MethodName>(core: Core, name: M, input: In<M>, token: string | null = null): Promise<Out<M>> {
  const r = await core.call(name, input, token)
  if (!r.ok) throw Object.assign(new Error(`${r.error.code}: ${r.error.message}`), { desk: r.error })
  return r.value as Out<M>
}
