import fs from 'node:fs'
import path from 'node:path'
import sqlite3 from 'sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { callOk, openCore, type Core } from '../../electron/core/app'
import { dailyBackup, listBackups } from '../../electron/core/db/backup'
import { freshCore, MIGRATIONS, setUpSite, tempDir } from '../helpers/core'

let core: Core
afterEach(async () => core?.close())

const integrity = (file: string) =>
  new Promise<string>((res, rej) => {
    const db = new sqlite3.Database(file, sqlite3.OPEN_READONLY, (e) => e && rej(e))
    db.get('PRAGMA integrity_check', (e, row: { integrity_check: string }) => {
      db.close()
      if (e) rej(e)
      else res(row.integrity_check)
    })
  })

describe('backups', () => {
  it('an administrator backs up on demand: a complete copy, audited; others may not', async () => {
    core = await freshCore()
    const admin = await setUpSite(core)
    await callOk(core, 'demo.fill', {}, admin)
    const b = await callOk(core, 'backup.now', {}, admin)
    expect(b.label).toBe('manual')
    expect(await integrity(b.path)).toBe('ok')
    expect((await callOk(core, 'backup.list', {}, admin)).map((x) => x.fileName)).toContain(b.fileName)
    expect(await core.db.read.get("SELECT 1 FROM audit_events WHERE action = 'backup.now'")).toBeTruthy()
    const clerk = (await callOk(core, 'auth.login', { staffNo: 'Q001', pin: '1234' })).token
    expect(await core.call('backup.now', {}, clerk)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  })

  it('one daily copy a day, the last 14 kept, other copies never pruned', async () => {
    core = await freshCore()
    await setUpSite(core)
    const dir = core.backupDir
    let t = Date.parse('2026-11-01T01:00:00Z')
    expect(await dailyBackup(core.db, dir, new Date(t))).toBeTruthy()
    expect(await dailyBackup(core.db, dir, new Date(t + 3600_000))).toBeNull() // same day: nothing
    fs.writeFileSync(path.join(dir, 'desk-2026-10-01T00-00-00-000Z-manual.sqlite'), 'x')
    for (let d = 0; d < 16; d++) {
      // Age the newest daily copy by a day, as if a day had passed.
      const newest = listBackups(dir).find((b) => b.label === 'daily')!
      const old = new Date(Date.parse(newest.at) - 25 * 3600_000)
      fs.utimesSync(newest.path, old, old)
      t += 1
      expect(await dailyBackup(core.db, dir, new Date())).toBeTruthy()
    }
    const all = listBackups(dir)
    expect(all.filter((b) => b.label === 'daily')).toHaveLength(14)
    expect(all.filter((b) => b.label === 'manual')).toHaveLength(1)
  })

  it('the app makes its daily copy at start', async () => {
    const dir = tempDir()
    core = await openCore({ dataDir: dir, terminalId: 'T', migrationsDir: MIGRATIONS, autoBackup: true })
    await expect.poll(() => listBackups(path.join(dir, 'backups')).filter((b) => b.label === 'daily').length).toBe(1)
  })
})
