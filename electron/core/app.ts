import path from 'node:path'
import type { Result } from '../../shared/api/contract'
import type { In, MethodName, Out } from '../../shared/api'
import { bufferedHeadStore, type AuditHeadStore } from './audit/heads'
import { Sessions } from './auth/sessions'
import type { Ctx } from './context'
import type { DeskDb } from './db/connection'
import type { MigrationReport } from './db/migrate'
import { dailyBackup } from './db/backup'
import { openDeskDb } from './db/open'
import { dispatch } from './dispatch'
import { Replica } from './sync/replica'
import { SyncService, type SyncOptions } from './sync/service'
import { fingerprintOfPem, type Identity } from './sync/net'
import { ensureTerminal } from './site/terminals'

export interface CoreOptions {
  /** The user-data folder: desk.sqlite and backups/ live here. */
  dataDir: string
  terminalId: string
  /** This terminal's name when the site has none for it yet (terminal settings); default 前台终端. */
  terminalName?: string
  migrationsDir: string
  now?: () => Date
  /** A daily copy of the database (checked at start and every hour): on in the app, off in tests. */
  autoBackup?: boolean
  /**
   * Where the audit chains' heads are kept outside the database (the terminal's settings file:
   * `conf` in host mode, electron-store in Electron). Without one only backups anchor the chains.
   */
  auditHeads?: AuditHeadStore
  /**
   * This terminal's key pair and certificate (LAN sync, issue H): its changes are signed with the key
   * and peers pin the certificate. Without one (scripts, most tests) changes are captured and
   * chained but unsigned, and no peer will take them.
   */
  identity?: Identity
  /** Where the sync port listens when LAN sync is on (needs `identity`). */
  sync?: Omit<SyncOptions, 'identity'>
}

/** Replaces the database file while it is closed; returns how to put the previous file back. */
export type Swap = (dbFile: string) => Promise<(() => Promise<void>) | void>

export interface Core {
  /** The open database; a new object after `reopen` (read it each time, do not keep it). */
  readonly db: DeskDb
  dbFile: string
  backupDir: string
  terminalId: string
  /** This terminal's replica (LAN sync): serve and apply changes. */
  replica: Replica
  /** LAN sync, when the terminal has an identity. */
  sync?: SyncService
  readonly migration: MigrationReport
  readonly openMs: number
  call(name: string, input: unknown, token: string | null): Promise<Result<unknown>>
  /**
   * Closes the database and opens it again, after `swap` (if given) has replaced the file — the
   * restore from a backup. Calls arriving meanwhile wait; every session ends (the desk shows the
   * login page). If the new file does not open, the previous one is put back and opened.
   * Host mode and Electron call the same function; neither restarts its process.
   */
  reopen(swap?: Swap): Promise<void>
  close(): Promise<void>
}

/** The desk without Electron: open (check, back up, migrate) the database and serve the contract. */
export async function openCore(opts: CoreOptions): Promise<Core> {
  const dbFile = path.join(opts.dataDir, 'desk.sqlite')
  const backupDir = path.join(opts.dataDir, 'backups')
  let opened = await openDeskDb(dbFile, opts.migrationsDir, backupDir)
  const now = opts.now ?? (() => new Date())
  const terminalName = opts.terminalName ?? '前台终端'
  const replica = new Replica(() => base.db, opts.terminalId, now, opts.identity?.keyPem ?? null, fingerprintOfPem)
  const heads = opts.auditHeads && bufferedHeadStore(opts.auditHeads)
  const base: Omit<Ctx, 'staff' | 'token'> = {
    replica,
    db: opened.db,
    terminalId: opts.terminalId,
    now,
    sessions: new Sessions(now),
    backupDir,
    auditHeads: heads,
  }
  await (async () => {
    await replica.attach()
    await ensureTerminal(opened.db, opts.terminalId, terminalName, now())
    await replica.publishCert(opts.identity ?? null)
  })().catch(async (e) => {
    await opened.db.close().catch(() => undefined)
    throw e
  })
  const sync = opts.identity ? new SyncService(() => base.db, replica, opts.terminalId, now, { ...opts.sync, identity: opts.identity }) : undefined
  base.sync = sync
  await sync?.start().catch((e) => console.error('[desk] 局域网同步未能启动', e))
  let timer: NodeJS.Timeout | undefined
  let gate: Promise<void> | null = null
  let inflight = 0
  const epoch = () => heads?.read()?.epoch ?? null
  if (opts.autoBackup) {
    const daily = () => dailyBackup(base.db, backupDir, now(), undefined, epoch()).catch((e) => console.error('[desk] 自动备份失败', e))
    void daily()
    timer = setInterval(daily, 60 * 60 * 1000)
    timer.unref()
  }

  /** `own`: calls of ours already running that are the ones asking (a method restoring a backup). */
  const reopen = async (swap: Swap | undefined, own: number) => {
    let release!: () => void
    gate = new Promise((r) => (release = r))
    try {
      // Let the calls already running finish before the file goes away.
      for (let i = 0; inflight > own && i < 200; i++) await new Promise((r) => setTimeout(r, 50))
      heads?.flush()
      await base.db.close()
      let undo: (() => Promise<void>) | void = undefined
      try {
        if (swap) undo = await swap(dbFile)
        opened = await openDeskDb(dbFile, opts.migrationsDir, backupDir)
      } catch (e) {
        // The previous database must stay in use: put its file back and open it again (sessions kept).
        if (undo) await undo()
        opened = await openDeskDb(dbFile, opts.migrationsDir, backupDir)
        base.db = opened.db
        throw e
      }
      base.db = opened.db
      base.sessions = new Sessions(now)
      await replica.attach()
      await ensureTerminal(opened.db, opts.terminalId, terminalName, now())
      await replica.publishCert(opts.identity ?? null)
    } finally {
      gate = null
      release()
    }
  }
  // One reopen at a time (two administrators restoring at once take turns).
  let reopening: Promise<unknown> = Promise.resolve()
  const queued = (swap: Swap | undefined, own: number) => {
    const next = reopening.then(() => reopen(swap, own))
    reopening = next.catch(() => undefined)
    return next
  }
  base.reopen = (swap) => queued(swap, 1).then(() => base.db)

  return {
    get db() {
      return base.db
    },
    dbFile,
    backupDir,
    terminalId: opts.terminalId,
    replica,
    sync,
    get migration() {
      return opened.migration
    },
    get openMs() {
      return opened.openMs
    },
    call: async (name, input, token) => {
      while (gate) await gate
      inflight++
      try {
        return await dispatch(base, name, input, token)
      } finally {
        inflight--
      }
    },
    reopen: (swap) => queued(swap, 0),
    close: async () => {
      clearInterval(timer)
      await sync?.stop()
      await base.db.close()
      heads?.flush()
    },
  }
}

/** Typed helper for tests and scripts: throws the desk error instead of returning it. */
export async function callOk<M extends MethodName>(core: Core, name: M, input: In<M>, token: string | null = null): Promise<Out<M>> {
  const r = await core.call(name, input, token)
  if (!r.ok) throw Object.assign(new Error(`${r.error.code}: ${r.error.message}`), { desk: r.error })
  return r.value as Out<M>
}
