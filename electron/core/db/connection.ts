import sqlite3 from 'sqlite3'
import { drizzle, type SqliteRemoteDatabase } from 'drizzle-orm/sqlite-proxy'
import * as schema from './schema'

export type Params = unknown[]
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

  private constructor(
    readonly file: string,
    private readonly wconn: sqlite3.Database,
    private readonly rconn: sqlite3.Database,
  ) {
    this.writer = wrap(wconn)
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
      try {
        const value = await fn(this.writer)
        await this.writer.exec('COMMIT')
        return value
      } catch (e) {
        await this.writer.exec('ROLLBACK').catch(() => undefined)
        throw e
      }
    })
    this.queue = next.catch(() => undefined)
    return next
  }

  /** Statements that must run outside a transaction (VACUUM INTO, checkpoints), still queued. */
  outside<T>(fn: (w: Writer) => Promise<T>): Promise<T> {
    const next = this.queue.then(() => fn(this.writer))
    this.queue = next.catch(() => undefined)
    return next
  }

  async close(): Promise<void> {
    await this.queue
    await closeConnection(this.rconn)
    await closeConnection(this.wconn)
  }
}
