import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { callOk, openCore, type Core } from '../../electron/core/app'
import { DbStartError } from '../../electron/core/errors'
import { countRows, freshCore, MIGRATIONS, setUpSite, tempDir } from '../helpers/core'

let core: Core | undefined
afterEach(async () => {
  await core?.close()
  core = undefined
})

const sha = (f: string) => fs.readFileSync(f).toString('base64')

async function startError(dataDir: string, migrationsDir = MIGRATIONS): Promise<DbStartError> {
  try {
    core = await openCore({ dataDir, terminalId: 'T', migrationsDir })
  } catch (e) {
    expect(e).toBeInstanceOf(DbStartError)
    return e as DbStartError
  }
  throw new Error('the core opened a database it should have refused')
}

/** A copy of the migrations folder with one more migration appended. */
function migrationsPlus(tag: string, sql: string): string {
  const dir = tempDir('desk-mig-')
  fs.cpSync(MIGRATIONS, dir, { recursive: true })
  const journalFile = path.join(dir, 'meta', '_journal.json')
  const journal = JSON.parse(fs.readFileSync(journalFile, 'utf8'))
  journal.entries.push({ idx: journal.entries.length, version: '6', when: Date.now(), tag, breakpoints: true })
  fs.writeFileSync(journalFile, JSON.stringify(journal))
  fs.writeFileSync(path.join(dir, `${tag}.sql`), sql)
  return dir
}

describe('start-up faults', () => {
  it('a file that is not SQLite: clear message, file untouched', async () => {
    const dir = tempDir()
    const file = path.join(dir, 'desk.sqlite')
    fs.writeFileSync(file, '这不是数据库'.repeat(100))
    const before = sha(file)
    const e = await startError(dir)
    expect(e.kind).toBe('NOT_SQLITE')
    expect(e.message).toContain('不是 SQLite 数据库')
    expect(sha(file)).toBe(before)
    expect(fs.existsSync(file + '-wal')).toBe(false)
  })

  it('a database failing integrity_check: clear message, file untouched', async () => {
    const dir = tempDir()
    core = await freshCore(dir)
    const token = await setUpSite(core)
    await callOk(core, 'demo.fill', {}, token)
    await core.close()
    core = undefined
    const file = path.join(dir, 'desk.sqlite')
    // Scribble over pages in the middle of the file (not the header): the b-trees break.
    const buf = fs.readFileSync(file)
    for (let i = 8192; i < buf.length - 8192; i += 4096) buf.fill(0x5a, i + 100, i + 300)
    fs.writeFileSync(file, buf)
    const before = sha(file)
    const e = await startError(dir)
    expect(e.kind).toBe('CORRUPT')
    expect(e.message).toContain('完整性检查未通过')
    expect(sha(file)).toBe(before)
  })

  it('a failing migration rolls back completely, keeps a backup, and says what happened', async () => {
    const dir = tempDir()
    core = await freshCore(dir)
    await setUpSite(core)
    await core.close()
    core = undefined
    const broken = migrationsPlus('0099_broken', 'CREATE TABLE extra (id TEXT);\n--> statement-breakpoint\nALTER TABLE staff ADD COLUMN nickname TEXT;\n--> statement-breakpoint\nINSERT INTO no_such_table VALUES (1);')
    const e = await startError(dir, broken)
    expect(e.kind).toBe('MIGRATION_FAILED')
    expect(e.message).toContain('0099_broken')
    expect(e.message).toContain('原数据库未被改动')
    core = await freshCore(dir)
    expect(await countRows(core, 'staff')).toBe(1)
    const cols = (await core.db.read.all<{ name: string }>('PRAGMA table_info(staff)')).map((c) => c.name)
    expect(cols).not.toContain('nickname')
    expect(await core.db.read.get("SELECT name FROM sqlite_master WHERE name = 'extra'")).toBeUndefined()
    const backups = fs.readdirSync(path.join(dir, 'backups'))
    expect(backups.some((b) => b.includes('before-0099_broken'))).toBe(true)
  })

  it('a database from a newer version is refused, not opened', async () => {
    const dir = tempDir()
    const newer = migrationsPlus('0099_future', 'CREATE TABLE future (id TEXT);')
    core = await openCore({ dataDir: dir, terminalId: 'T', migrationsDir: newer })
    await core.close()
    core = undefined
    const e = await startError(dir)
    expect(e.kind).toBe('NEWER_VERSION')
    expect(e.message).toContain('0099_future')
  })

  it('a good migration on a database with data: applied after a backup copy that passes integrity_check', async () => {
    const dir = tempDir()
    core = await freshCore(dir)
    await setUpSite(core)
    await core.close()
    const next = migrationsPlus('0099_next', 'ALTER TABLE staff ADD COLUMN nickname TEXT;')
    core = await openCore({ dataDir: dir, terminalId: 'T', migrationsDir: next })
    expect(core.migration.applied).toEqual(['0099_next'])
    expect(core.migration.backup).toMatch(/before-0099_next/)
    expect(fs.existsSync(core.migration.backup!)).toBe(true)
  })
})

describe('audit trail', () => {
  it('is append-only in the database itself', async () => {
    core = await freshCore()
    await setUpSite(core)
    await expect(core.db.tx((w) => w.run("UPDATE audit_events SET summary = 'x'"))).rejects.toThrow(/append-only/)
    await expect(core.db.tx((w) => w.run('DELETE FROM audit_events'))).rejects.toThrow(/append-only/)
  })

  it('reports a row edited or deleted behind the app’s back', async () => {
    core = await freshCore()
    const token = await setUpSite(core)
    await callOk(core, 'staff.create', { staffNo: 'Q1', name: '李娜', roles: ['clerk'], pin: '1234' }, token)
    expect(await callOk(core, 'audit.verify', {}, token)).toMatchObject({ ok: true })
    await core.db.tx(async (w) => {
      await w.exec('DROP TRIGGER audit_events_no_update')
      await w.run("UPDATE audit_events SET summary = '改过的内容' WHERE seq = 3")
    })
    const r = await callOk(core, 'audit.verify', {}, token)
    expect(r).toMatchObject({ ok: false, brokenAt: 3 })
    expect(r.reason).toContain('被改动')
  })
})
