import sqlite3 from 'sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import type { Core } from '../../electron/core/app'
import { BUSY_TIMEOUT_MS, closeConnection, openConnection } from '../../electron/core/db/connection'
import { storageProblem } from '../../electron/core/db/storageProblem'
import { countRows, freshCore, setUpSite } from '../helpers/core'

let core: Core
afterEach(async () => {
  await core?.close()
})

const run = (conn: sqlite3.Database, sql: string) => new Promise<void>((res, rej) => conn.exec(sql, (e) => (e ? rej(e) : res())))

describe('disk and lock failures reach the clerk in Chinese', () => {
  it('a write waiting on another program’s lock past the timeout answers BUSY in Chinese, saves nothing, and works once released', async () => {
    core = await freshCore()
    const token = await setUpSite(core)
    expect(await core.db.read.get('PRAGMA busy_timeout')).toEqual({ timeout: BUSY_TIMEOUT_MS })
    // Another program (a DB browser, a second desk) holds the write lock.
    const other = await openConnection(core.dbFile, sqlite3.OPEN_READWRITE)
    await run(other, 'BEGIN IMMEDIATE')
    const t0 = Date.now()
    const r = await core.call('building.create', { code: '9' }, token)
    expect(Date.now() - t0).toBeGreaterThanOrEqual(BUSY_TIMEOUT_MS - 200)
    expect(r).toEqual({
      ok: false,
      error: { code: 'BUSY', message: `数据库正被另一个程序占用,等待 5 秒后仍未释放:${core.dbFile}。本次操作未保存,请稍后重试;如另开了前台程序或数据库工具,请先关闭它。` },
    })
    expect(await countRows(core, 'buildings')).toBe(0)
    await run(other, 'ROLLBACK')
    await closeConnection(other)
    expect((await core.call('building.create', { code: '9' }, token)).ok).toBe(true)
  }, 20_000)

  it('names the file and the cause for read-only, full, unopenable and corrupt files (real sqlite3 errors)', async () => {
    core = await freshCore()
    const ro = await openConnection(core.dbFile, sqlite3.OPEN_READONLY)
    const err = await run(ro, "INSERT INTO buildings(id) VALUES ('x')").then(
      () => null,
      (e: unknown) => e,
    )
    await closeConnection(ro)
    expect((err as { code: string }).code).toBe('SQLITE_READONLY')
    const p = storageProblem(err, core.dbFile)!
    expect(p.code).toBe('INTERNAL')
    expect(p.message).toBe(`数据库文件是只读的,无法保存:${core.dbFile}。本次操作未保存;请检查该文件和所在文件夹的写入权限,或磁盘是否被设为只读。`)
    const cantOpen = await openConnection('/nonexistent-dir/x.sqlite', sqlite3.OPEN_READWRITE).catch((e: unknown) => e)
    expect(storageProblem(cantOpen, '/nonexistent-dir/x.sqlite')!.message).toContain('无法写入数据文件夹:/nonexistent-dir/x.sqlite')
    expect(storageProblem(Object.assign(new Error('SQLITE_FULL: database or disk is full'), { code: 'SQLITE_FULL' }), 'F')!.message).toContain('磁盘空间已满')
    expect(storageProblem(Object.assign(new Error('x'), { code: 'SQLITE_CORRUPT' }), 'F')!.message).toContain('数据库文件已损坏:F')
    expect(storageProblem(Object.assign(new Error('SQLITE_MISUSE: Database handle is closed'), { code: 'SQLITE_MISUSE' }), 'F')!.code).toBe('BUSY')
    // A bug is not a disk problem.
    expect(storageProblem(new TypeError('x is undefined'), 'F')).toBeNull()
  })
})
