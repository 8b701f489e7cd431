import sqlite3 from 'sqlite3'
import { drizzle, type SqliteRemoteDatabase } from 'drizzle-orm/sqlite-proxy'
import * as schema from './schema'

export type Params = unknown[]

/**
 * How long a write waits for another process's lock before it fails with SQLITE_BUSY (which the
 * dispatcher answers in Chinese, see storageProblem.ts): long enough for a backup copy or a
 * checkpoint, short enough for the clerk to be told. The PRAGMA busy_timeout in DeskDb.open is this
 * figure (tests/integration/storageErrors.test.ts reads it back).
 */
export const BUSY_TIMEOUT_MS = 5000
export type Orm = SqliteRemoteDatabase<typeof schema>

/** A read handle: sees only committed data (WAL snapshot of its own connection). */
export interface Reader {
  all<T = Record<string, unknown>>(sql: string, params?: Params): Promise<T[]>
  get<T = Record<string, unknown>>(sql: string, params?: Params): Promise<T | undefined>
  orm: Orm
}

/** A write handle: exists only inside DeskDb.tx, so every write is in a serialised transaction. */
export interface Writer extends Reader {
  run(sql: string, params?: Params): Promise<{ changes: number; lastID: number }>
  exec(sql: string): Promise<void>
  /**
   * Runs fn once the transaction has committed (never after a rollback); a later hook with the
   * same key replaces the earlier one. For records kept outside the database (the audit head).
   */
  afterCommit(key: string, fn: () => void): void
}

function wrap(conn: sqlite3.Database) {
  const all = <T>(sql: string, params: Params = []) =>
    new Promise<T[]>((res, rej) => conn.all(sql, params, (e, rows) => (e ? rej(e) : res(rows as T[]))))
  const get = <T>(sql: string, params: Params = []) =>
    new Promise<T | undefined>((res, rej) => conn.get(sql, params, (e, row) => (e ? rej(e) : res(row as T | undefined))))
  const run = (sql: string, params: Params = []) =>
    new Promise<{ changes: number; lastID: number }>((res, rej) =>
      conn.run(sql, params, function (this: sqlite3.RunResult, e: Error | null) {
        if (e) rej(e)
        else res({ changes: this.changes, lastID: this.lastID })
      }),
    )
  const exec = (sql: string) => new Promise<void>((res, rej) => conn.exec(sql, (e) => (e ? rej(e) : res())))
  // Drizzle's proxy wants rows as arrays in column order. Our drizzle queries stay on one table
  // (no joins with clashing column names), where object order is column order; joins use SQL.
  const orm = drizzle(
    async (sql, params, method) => {
      if (method === 'run') {
        await run(sql, params)
        return { rows: [] }
      }
      if (method === 'get') {
        const row = await get<Record<string, unknown>>(sql, params)
        return { rows: row ? (Object.values(row) as unknown[]) : (undefined as unknown as unknown[]) }
      }
      const rows = await all<Record<string, unknown>>(sql, params)
      return { rows: rows.map((r) => Object.values(r)) }
    },
    { schema },
  )
  return { all, get, run, exec, orm }
}

export function openConnection(file: string, mode: number): Promise<sqlite3.Database> {
  return new Promise((res, rej) => {
    const conn = new sqlite3.Database(file, mode, (e) => (e ? rej(e) : res(conn)))
  })
}

export function closeConnection(conn: sqlite3.Database): Promise<void> {
  return new Promise((res, rej) => conn.close((e) => (e ? rej(e) : res())))
}

/**
 * One owner of the database file: a writer connection behind a queue (one transaction at a time,
 * BEGIN IMMEDIATE … COMMIT, "saved" only after COMMIT returns) and a separate reader connection.
 * Overlapping transactions on one sqlite3 connection undo each other's work (STACK.md), hence the queue.
 */
export class DeskDb {
  readonly read: Reader
  private readonly writer: Writer
  private queue: Promise<unknown> = Promise.resolve()
  private hooks = new Map<string, () => void>()
  /**
   * Run inside every write transaction (`begin` right after BEGIN, `beforeCommit` last (the LAN sync
   * stamps the transaction's clock and seals its change records there, electron/core/sync)).
   */
  txHooks: { begin?: (w: Writer) => Promise<void>; beforeCommit?: (w: Writer) => Promise<void> } = {}

  private constructor(
    readonly file: string,
    private readonly wconn: sqlite3.Database,
    private readonly rconn: sqlite3.Database,
  ) {
    this.writer = { ...wrap(wconn), afterCommit: (key, fn) => void this.hooks.set(key, fn) }
    const r = wrap(rconn)
    this.read = { all: r.all, get: r.get, orm: r.orm }
  }

  static async open(file: string): Promise<DeskDb> {
    const w = await openConnection(file, sqlite3.OPEN_READWRITE | sqlite3.OPEN_CREATE)
    const ww = wrap(w)
    // FULL: in WAL, NORMAL can lose the last commits on power loss (STACK.md, measured).
    await ww.exec('PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=5000;')
    const r = await openConnection(file, sqlite3.OPEN_READWRITE)
    await wrap(r).exec('PRAGMA foreign_keys=ON; PRAGMA busy_timeout=5000; PRAGMA query_only=ON;')
    return new DeskDb(file, w, r)
  }

  /** Runs fn in one serialised write transaction; rolls back everything if fn throws. */
  tx<T>(fn: (w: Writer) => Promise<T>): Promise<T> {
    const next = this.queue.then(async () => {
      await this.writer.exec('BEGIN IMMEDIATE')
      this.hooks.clear()
      try {
        await this.txHooks.begin?.(this.writer)
        const value = await fn(this.writer)
        await this.txHooks.beforeCommit?.(this.writer)
        await this.writer.exec('COMMIT')
        this.runHooks()
        return value
      } catch (e) {
        this.hooks.clear()
        await this.writer.exec('ROLLBACK').catch(() => undefined)
        throw e
      }
    })
    this.queue = next.catch(() => undefined)
    return next
  }

  /** Statements that must run outside a transaction (VACUUM INTO, checkpoints), still queued. */
  outside<T>(fn: (w: Writer) => Promise<T>): Promise<T> {
    const next = this.queue.then(async () => {
      this.hooks.clear()
      const value = await fn(this.writer)
      this.runHooks()
      return value
    })
    this.queue = next.catch(() => undefined)
    return next
  }

  private runHooks() {
    const hooks = [...this.hooks.values()]
    this.hooks.clear()
    for (const h of hooks) h()
  }

  private closing: Promise<void> | null = null

  /** Waits for queued work, then closes both connections; a second call waits for the first. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      await this.queue
      await closeConnection(this.rconn)
      await closeConnection(this.wconn)
    })()
    return this.closing
  }
}
