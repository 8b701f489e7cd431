import fs from 'node:fs'
import path from 'node:path'
import sqlite3 from 'sqlite3'
import { DbStartError } from '../errors'
import { closeConnection, DeskDb, openConnection } from './connection'
import { migrate, readMigrations, type MigrationReport } from './migrate'

const HEADER = Buffer.from('SQLite format 3\0', 'latin1')
const MOVE_ASIDE = '如要在此文件夹新建项目,请先把该文件移到别处再启动;如要继续使用原项目,请从备份恢复。'

function allRows<T>(conn: sqlite3.Database, sql: string): Promise<T[]> {
  return new Promise((res, rej) => conn.all(sql, (e, r) => (e ? rej(e) : res(r as T[]))))
}

/**
 * Checks an existing file before anything writes to it, on a read-only connection: a file that is
 * empty, not SQLite, fails integrity_check, belongs to another program, or was written by a newer
 * version of the desk stops the start with a clear message and is left exactly as it was (not even
 * the journal mode is switched: DeskDb.open comes only after every check has passed).
 * Returns false for a SQLite file with no tables at all (a first start that stopped before its
 * first migration): that one may be set up as a new site.
 */
async function checkExisting(file: string, migrationsDir: string): Promise<boolean> {
  const size = fs.statSync(file).size
  if (size === 0) {
    // A zero-byte desk.sqlite is a site's file lost on the way (disk, copy, sync tool), not a new site.
    throw new DbStartError('EMPTY_FILE', `数据文件是空的(0 字节):${file}。程序已停止启动,没有在其中新建项目,该文件未被改动。${MOVE_ASIDE}`)
  }
  const fd = fs.openSync(file, 'r')
  const head = Buffer.alloc(16)
  const n = fs.readSync(fd, head, 0, 16, 0)
  fs.closeSync(fd)
  if (n < 16 || !head.equals(HEADER)) {
    throw new DbStartError('NOT_SQLITE', `数据文件不是 SQLite 数据库:${file}。程序已停止启动,该文件未被改动;请从备份恢复或移走该文件。`)
  }
  let conn: sqlite3.Database | undefined
  try {
    conn = await openConnection(file, sqlite3.OPEN_READONLY)
    const rows = await allRows<{ integrity_check: string }>(conn, 'PRAGMA integrity_check')
    const problems = rows.map((r) => r.integrity_check).filter((s) => s !== 'ok')
    if (problems.length) throw new Error(problems.slice(0, 3).join('; '))
    const tables = (await allRows<{ name: string }>(conn, "SELECT name FROM sqlite_master WHERE type = 'table'")).map((t) => t.name)
    if (!tables.length) return false
    if (!tables.includes('__desk_migrations')) {
      const shown = tables.slice(0, 5).join('、') + (tables.length > 5 ? ' 等' : '')
      throw new DbStartError('FOREIGN', `数据文件是另一个程序的 SQLite 数据库(含数据表 ${shown},没有物业前台的升级记录):${file}。程序已停止启动,没有对它做任何升级,该文件未被改动。${MOVE_ASIDE}`)
    }
    // The version check, read-only: a newer file is refused before WAL or any table touches it.
    const applied = (await allRows<{ tag: string }>(conn, 'SELECT tag FROM __desk_migrations')).map((r) => r.tag)
    const known = new Set(readMigrations(migrationsDir).map((m) => m.tag))
    const unknown = applied.filter((t) => !known.has(t))
    if (unknown.length) throw newerVersion(unknown)
    return true
  } catch (e) {
    if (e instanceof DbStartError) throw e
    throw new DbStartError('CORRUPT', `数据库完整性检查未通过:${file}(${(e as Error).message})。程序已停止启动,该文件未被改动;请从备份恢复。`)
  } finally {
    if (conn) await closeConnection(conn).catch(() => undefined)
  }
}

export const newerVersion = (unknown: string[]) =>
  new DbStartError('NEWER_VERSION', `数据库由更新版本的程序创建(迁移 ${unknown.join(', ')}),本程序不能打开它;文件未被改动,请安装新版本。`)

export interface OpenedDb {
  db: DeskDb
  migration: MigrationReport
  openMs: number
}

/**
 * Opens desk.sqlite: a new site's file only where none exists (or an empty SQLite file left by a
 * first start); every other file is checked read-only first (checkExisting), then migrated.
 */
export async function openDeskDb(file: string, migrationsDir: string, backupDir: string): Promise<OpenedDb> {
  const t0 = performance.now()
  fs.mkdirSync(path.dirname(file), { recursive: true })
  if (fs.existsSync(file)) await checkExisting(file, migrationsDir)
  const db = await DeskDb.open(file)
  try {
    const migration = await migrate(db, migrationsDir, backupDir)
    return { db, migration, openMs: performance.now() - t0 }
  } catch (e) {
    await db.close().catch(() => undefined)
    throw e
  }
}
