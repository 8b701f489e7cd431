import fs from 'node:fs'
import path from 'node:path'
import sqlite3 from 'sqlite3'
import { DbStartError } from '../errors'
import { closeConnection, DeskDb, openConnection } from './connection'
import { migrate, type MigrationReport } from './migrate'

const HEADER = Buffer.from('SQLite format 3\0', 'latin1')

/**
 * Checks an existing file before anything writes to it: a file that is not SQLite, or that fails
 * integrity_check, stops the start with a clear message and is left exactly as it was.
 */
async function checkExisting(file: string): Promise<void> {
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
    const rows = await new Promise<Array<{ integrity_check: string }>>((res, rej) =>
      conn!.all('PRAGMA integrity_check', (e, r) => (e ? rej(e) : res(r as Array<{ integrity_check: string }>))),
    )
    const problems = rows.map((r) => r.integrity_check).filter((s) => s !== 'ok')
    if (problems.length) throw new Error(problems.slice(0, 3).join('; '))
  } catch (e) {
    if (e instanceof DbStartError) throw e
    throw new DbStartError(
      'CORRUPT',
      `数据库完整性检查未通过:${file}(${(e as Error).message})。程序已停止启动,该文件未被改动;请从备份恢复。`,
    )
  } finally {
    if (conn) await closeConnection(conn).catch(() => undefined)
  }
}

export interface OpenedDb {
  db: DeskDb
  migration: MigrationReport
  openMs: number
}

export async function openDeskDb(file: string, migrationsDir: string, backupDir: string): Promise<OpenedDb> {
  const t0 = performance.now()
  fs.mkdirSync(path.dirname(file), { recursive: true })
  if (fs.existsSync(file) && fs.statSync(file).size > 0) await checkExisting(file)
  const db = await DeskDb.open(file)
  try {
    const migration = await migrate(db, migrationsDir, backupDir)
    return { db, migration, openMs: performance.now() - t0 }
  } catch (e) {
    await db.close().catch(() => undefined)
    throw e
  }
}
