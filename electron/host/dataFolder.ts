import fs from 'node:fs'
import path from 'node:path'
import sqlite3 from 'sqlite3'
import { storageProblem } from '../core/db/storageProblem'
import { DbStartError } from '../core/errors'

/**
 * The data folder before the desk opens it: one program at a time (host mode and the Electron
 * window alike), and a folder or file the desk cannot write is said plainly, with where.
 */

export const LOCK_FILE = 'desk.lock'
const OWNER_FILE = 'desk.lock.owner'

/** Refused to start; the message is for the person at the desk (printed or shown in a dialog). */
export class DataFolderError extends Error {
  constructor(
    readonly kind: 'IN_USE' | 'NOT_WRITABLE',
    message: string,
  ) {
    super(message)
    this.name = 'DataFolderError'
  }
}

const codeOf = (e: unknown) => String((e as { code?: unknown } | null)?.code ?? '')
const PERMISSION = new Set(['EACCES', 'EPERM', 'EROFS', 'SQLITE_CANTOPEN', 'SQLITE_READONLY', 'SQLITE_PERM'])

function notWritable(where: string, e: unknown): DataFolderError {
  const why = codeOf(e) === 'EROFS' ? '磁盘是只读的' : PERMISSION.has(codeOf(e)) ? '没有写入权限' : (e as Error).message
  return new DataFolderError('NOT_WRITABLE', `无法写入数据文件夹:${where}(${why})。程序已停止启动,数据未被改动;请让管理员给当前用户开放该文件夹的读写权限,或用 --data-dir 指定其他文件夹。`)
}

/**
 * Makes sure the folder exists and can be written, and that an existing database and its WAL
 * files can be opened for writing — without changing any of them (a probe file is created and
 * removed; the database is only opened).
 */
export function checkDataFolder(dataDir: string): void {
  try {
    fs.mkdirSync(dataDir, { recursive: true })
    const probe = path.join(dataDir, `.write-test-${process.pid}`)
    fs.writeFileSync(probe, '')
    fs.rmSync(probe)
  } catch (e) {
    throw notWritable(dataDir, e)
  }
  for (const name of ['desk.sqlite', 'desk.sqlite-wal', 'desk.sqlite-shm', 'terminal.json', LOCK_FILE]) {
    const file = path.join(dataDir, name)
    if (!fs.existsSync(file)) continue
    try {
      fs.closeSync(fs.openSync(file, 'r+'))
    } catch (e) {
      const why = codeOf(e) === 'EROFS' ? '磁盘是只读的' : PERMISSION.has(codeOf(e)) ? '文件是只读的或没有写入权限' : (e as Error).message
      throw new DataFolderError('NOT_WRITABLE', `无法写入数据文件:${file}(${why})。程序已停止启动,数据未被改动;请让管理员恢复该文件的读写权限(文件属性中取消"只读")。`)
    }
  }
}

export interface DataLock {
  file: string
  release(): Promise<void>
}

const exec = (conn: sqlite3.Database, sql: string) => new Promise<void>((res, rej) => conn.exec(sql, (e) => (e ? rej(e) : res())))
const close = (conn: sqlite3.Database) => new Promise<void>((res) => conn.close(() => res()))

/**
 * Takes the folder for this process: an exclusive SQLite lock on desk.lock, held until release or
 * exit. The operating system drops it when the process dies (kill -9, power cut), so there is
 * never a stale lock to clear by hand. A second instance on the same folder gets IN_USE at once.
 */
export async function lockDataFolder(dataDir: string, who: string): Promise<DataLock> {
  const file = path.join(dataDir, LOCK_FILE)
  const conn = await new Promise<sqlite3.Database>((res, rej) => {
    const c = new sqlite3.Database(file, sqlite3.OPEN_READWRITE | sqlite3.OPEN_CREATE, (e) => (e ? rej(notWritable(dataDir, e)) : res(c)))
  })
  try {
    await exec(conn, 'PRAGMA busy_timeout=0; PRAGMA journal_mode=DELETE; PRAGMA locking_mode=EXCLUSIVE; BEGIN EXCLUSIVE; CREATE TABLE IF NOT EXISTS holder(x); DELETE FROM holder; INSERT INTO holder VALUES (1); COMMIT;')
  } catch (e) {
    await close(conn)
    if (codeOf(e) !== 'SQLITE_BUSY' && codeOf(e) !== 'SQLITE_LOCKED') throw notWritable(dataDir, e)
    let owner = ''
    try {
      const o = JSON.parse(fs.readFileSync(path.join(dataDir, OWNER_FILE), 'utf8')) as { pid?: number; who?: string; since?: string }
      owner = `(${o.who ?? '前台程序'},进程号 ${o.pid},${o.since ? new Date(o.since).toLocaleString('zh-CN') : ''}起)`
    } catch {
      /* the owner note is only a courtesy */
    }
    throw new DataFolderError(
      'IN_USE',
      `数据文件夹正被另一个前台程序使用${owner}:${dataDir}。同一数据文件夹同时只能由一个程序打开;请先关闭另一个窗口或主机模式程序,或用 --data-dir 指定其他文件夹。`,
    )
  }
  fs.writeFileSync(path.join(dataDir, OWNER_FILE), JSON.stringify({ pid: process.pid, who, since: new Date().toISOString() }))
  let released = false
  return {
    file,
    release: async () => {
      if (released) return
      released = true
      fs.rmSync(path.join(dataDir, OWNER_FILE), { force: true })
      await close(conn)
    },
  }
}

/**
 * Why the desk did not start, for the person at the desk: the expected causes (folder in use or
 * not writable, a database it must not touch, a disk problem) as one Chinese sentence saying what
 * and where; anything else is unexpected (and gets its stack in the log).
 */
export function startFailure(e: unknown, dataDir: string): { message: string; expected: boolean } {
  if (e instanceof DbStartError || e instanceof DataFolderError) return { message: e.message, expected: true }
  const storage = storageProblem(e, path.join(dataDir, 'desk.sqlite'))
  if (storage) return { message: storage.message, expected: true }
  if (PERMISSION.has(codeOf(e))) return { message: notWritable(dataDir, e).message, expected: true }
  return { message: `意外错误(数据文件夹 ${dataDir}):${e instanceof Error ? e.message : String(e)}`, expected: false }
}
