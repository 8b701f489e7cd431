import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import sqlite3 from 'sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { callOk, openCore, type Core } from '../../electron/core/app'
import { DbStartError } from '../../electron/core/errors'
import { auditKey, keyedHash, legacyHash, type SealedFields } from '../../electron/core/audit/chain'
import { memoryHeadStore, type AuditHeadStore } from '../../electron/core/audit/heads'
import { fieldsOf, outsideAnchors, verifyChain, type AuditRow } from '../../electron/core/audit/verify'
import { countRows, freshCore, MIGRATIONS, setUpSite, tempDir } from '../helpers/core'

let core: Core | undefined
afterEach(async () => {
  await core?.close()
  core = undefined
})

const sha = (f: string) => crypto.createHash('sha256').update(fs.readFileSync(f)).digest('hex')

/** A SQLite file written by another program (sqlite3 directly, no desk tables). */
async function foreignDb(file: string) {
  const db = new sqlite3.Database(file)
  await new Promise<void>((res, rej) =>
    db.exec("CREATE TABLE orders (id INTEGER PRIMARY KEY, item TEXT); INSERT INTO orders (item) VALUES ('茶叶'), ('咖啡');", (e) => (e ? rej(e) : res())),
  )
  await new Promise<void>((res) => db.close(() => res()))
}

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

  it('a database from a newer version is refused read-only: not one byte of the file changes', async () => {
    const dir = tempDir()
    const newer = migrationsPlus('0099_future', 'CREATE TABLE future (id TEXT);')
    core = await openCore({ dataDir: dir, terminalId: 'T', migrationsDir: newer })
    await setUpSite(core)
    await core.close()
    core = undefined
    const file = path.join(dir, 'desk.sqlite')
    // A file in rollback-journal mode, as a newer version might leave it: opening it for writing
    // would switch it to WAL (header bytes 18–19) before any check.
    await new Promise<void>((res, rej) => {
      const db = new sqlite3.Database(file)
      db.exec('PRAGMA journal_mode=DELETE', (e) => db.close(() => (e ? rej(e) : res())))
    })
    const before = sha(file)
    const e = await startError(dir)
    expect(e.kind).toBe('NEWER_VERSION')
    expect(e.message).toContain('0099_future')
    expect(e.message).toContain('未被改动')
    expect(sha(file)).toBe(before)
    expect(fs.existsSync(file + '-wal')).toBe(false)
  })

  it('a zero-byte desk.sqlite is refused, not started as a new empty site, and stays zero bytes', async () => {
    const dir = tempDir()
    const file = path.join(dir, 'desk.sqlite')
    fs.writeFileSync(file, '')
    const e = await startError(dir)
    expect(e.kind).toBe('EMPTY_FILE')
    expect(e.message).toContain('数据文件是空的')
    expect(e.message).toContain('未被改动')
    expect(fs.statSync(file).size).toBe(0)
    expect(fs.existsSync(file + '-wal')).toBe(false)
    expect(fs.existsSync(path.join(dir, 'backups'))).toBe(false)
  })

  it('a SQLite file of another program gets no migration: refused, bytes unchanged', async () => {
    const dir = tempDir()
    const file = path.join(dir, 'desk.sqlite')
    await foreignDb(file)
    const before = sha(file)
    const e = await startError(dir)
    expect(e.kind).toBe('FOREIGN')
    expect(e.message).toContain('另一个程序的 SQLite 数据库')
    expect(e.message).toContain('orders')
    expect(sha(file)).toBe(before)
    const tables = await new Promise<string[]>((res, rej) => {
      const db = new sqlite3.Database(file, sqlite3.OPEN_READONLY)
      db.all("SELECT name FROM sqlite_master WHERE type = 'table'", (err, rows: Array<{ name: string }>) => db.close(() => (err ? rej(err) : res(rows.map((r) => r.name)))))
    })
    expect(tables).toEqual(['orders'])
  })

  it('an empty data folder starts a new site (the only way a new site begins without a choice)', async () => {
    const dir = tempDir()
    core = await openCore({ dataDir: dir, terminalId: 'T', migrationsDir: MIGRATIONS })
    expect(await callOk(core, 'setup.status', {})).toEqual({ needsSetup: true })
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


/** What an attacker with the file and the sqlite3 tool does: triggers off, edit, re-seal every row after it. */
async function editAndReseal(c: Core, seq: number, how: 'unkeyed' | 'keyed', upTo = Infinity) {
  await c.db.tx(async (w) => {
    await w.exec('DROP TRIGGER audit_events_no_update')
    await w.run("UPDATE audit_events SET summary = '改过的内容' WHERE seq = ?", [seq])
    const secret = (await w.get<{ secret: string }>('SELECT secret FROM site'))!.secret
    const rows = await w.all<AuditRow>('SELECT * FROM audit_events ORDER BY seq')
    let prev = rows[seq - 2]?.hash ?? '0'.repeat(64)
    for (const r of rows.slice(seq - 1, upTo)) {
      const hash = how === 'unkeyed' ? legacyHash(prev, fieldsOf(r)) : keyedHash(auditKey(secret), prev, r.chain_seq!, fieldsOf(r))
      await w.run('UPDATE audit_events SET prev_hash = ?, hash = ? WHERE seq = ?', [prev, hash, r.seq])
      prev = hash
    }
  })
}

async function auditedCore(heads: AuditHeadStore, dir = tempDir()) {
  core = await openCore({ dataDir: dir, terminalId: 'T-A', terminalName: '一号前台', migrationsDir: MIGRATIONS, auditHeads: heads })
  const token = await setUpSite(core)
  for (const [no, name] of [['Q1', '李娜'], ['Q2', '王芳'], ['Q3', '周杰']]) await callOk(core, 'staff.create', { staffNo: no, name, roles: ['clerk'], pin: '1234' }, token)
  return token
}

describe('audit chain: keyed, anchored outside the database', () => {
  it('each terminal keeps its own HMAC chain; the head goes to the terminal settings after each commit', async () => {
    const heads = memoryHeadStore()
    const token = await auditedCore(heads)
    const rows = await core!.db.read.all<AuditRow>('SELECT * FROM audit_events ORDER BY seq')
    expect(rows.every((r) => r.seal === 'hmac1' && r.terminal_id === 'T-A')).toBe(true)
    expect(rows.map((r) => r.chain_seq)).toEqual(rows.map((_, i) => i + 1))
    // Written after the commits, a burst in one write (bufferedHeadStore), within a quarter second.
    await expect.poll(() => heads.read()?.heads['T-A']).toMatchObject({ count: rows.length, hash: rows.at(-1)!.hash })
    // A rolled-back write moves no head.
    const before = heads.read()
    await expect(core!.db.tx(async (w) => {
      const { audit } = await import('../../electron/core/audit/service')
      await audit(w, { db: core!.db, terminalId: 'T-A', now: () => new Date(), staff: null, token: null, sessions: undefined as never, backupDir: '', auditHeads: heads }, { action: 'x.y', entity: 'x', summary: 'x' })
      throw new Error('rolled back')
    })).rejects.toThrow('rolled back')
    await new Promise((r) => setTimeout(r, 400))
    expect(heads.read()).toEqual(before)
    const v = await callOk(core!, 'audit.verify', {}, token)
    expect(v).toMatchObject({ ok: true, legacyRows: 0, chains: [{ terminalId: 'T-A', terminalName: '一号前台', count: rows.length, anchors: 1 }], warnings: [] })
  })

  it('appending a row finds its links through indexes, not by walking the trail', async () => {
    await auditedCore(memoryHeadStore())
    const plan = async (q: string, p: unknown[] = []) => JSON.stringify(await core!.db.read.all(`EXPLAIN QUERY PLAN ${q}`, p))
    expect(await plan('SELECT chain_seq, hash FROM audit_events WHERE terminal_id = ? AND chain_seq IS NOT NULL ORDER BY chain_seq DESC LIMIT 1', ['T-A'])).toContain('USING INDEX audit_chain')
    expect(await plan("SELECT hash FROM audit_events WHERE seal = 'sha256' ORDER BY seq DESC LIMIT 1")).toContain('USING INDEX audit_legacy')
  })

  it('an edited row re-sealed with unkeyed SHA-256 after it: the first broken row is reported', async () => {
    const token = await auditedCore(memoryHeadStore())
    await editAndReseal(core!, 3, 'unkeyed')
    const r = await callOk(core!, 'audit.verify', {}, token)
    expect(r).toMatchObject({ ok: false, brokenAt: 3 })
    expect(r.reason).toContain('第 3 条记录')
  })

  it('re-sealed with the key read from the file: the head kept outside the database shows it', async () => {
    const heads = memoryHeadStore()
    const token = await auditedCore(heads)
    await editAndReseal(core!, 3, 'keyed')
    const r = await callOk(core!, 'audit.verify', {}, token)
    expect(r.ok).toBe(false)
    expect(r.reason).toContain('重新封印')
    expect(r.reason).toContain('本终端设置文件')
  })

  it('re-sealed with the key and no head kept anywhere: passes the row check, but the report says what it cannot prove', async () => {
    const token = await auditedCore(memoryHeadStore())
    // The same site opened without its head store (a terminal whose settings file is gone).
    const dir = path.dirname(core!.dbFile)
    await core!.close()
    core = await openCore({ dataDir: dir, terminalId: 'T-A', migrationsDir: MIGRATIONS })
    await editAndReseal(core, 3, 'keyed')
    const t2 = (await callOk(core, 'auth.login', { staffNo: 'admin', pin: '246810' })).token
    const r = await callOk(core, 'audit.verify', {}, t2)
    expect(r.ok).toBe(true)
    expect(r.warnings.join()).toContain('无法发现其末尾记录被删除')
    expect(token).toBeTruthy()
  })

  it('the last rows deleted: truncation shown by the terminal settings and, without them, by a backup', async () => {
    const heads = memoryHeadStore()
    const token = await auditedCore(heads)
    await callOk(core!, 'backup.now', {}, token)
    await callOk(core!, 'staff.create', { staffNo: 'Q4', name: '陈静', roles: ['clerk'], pin: '1234' }, token)
    const n = await countRows(core!, 'audit_events')
    await core!.db.tx(async (w) => {
      await w.exec('DROP TRIGGER audit_events_no_delete')
      await w.run('DELETE FROM audit_events WHERE seq > ?', [n - 4])
    })
    const r = await callOk(core!, 'audit.verify', {}, token)
    expect(r).toMatchObject({ ok: false, truncated: { terminalId: 'T-A', expected: n, found: n - 4, source: '本终端设置文件' } })
    expect(r.reason).toContain('被截断')
    expect(r.reason).toContain('最后 4 条被删除')
    // Without the settings file's head: the backup made before still shows the cut (its rows are gone too).
    await core!.db.tx((w) => w.run('DELETE FROM audit_events WHERE seq > ?', [n - 8]))
    const dir = path.dirname(core!.dbFile)
    await core!.close()
    core = await openCore({ dataDir: dir, terminalId: 'T-A', migrationsDir: MIGRATIONS })
    const t2 = (await callOk(core, 'auth.login', { staffNo: 'admin', pin: '246810' })).token
    const r2 = await callOk(core, 'audit.verify', {}, t2)
    expect(r2.ok).toBe(false)
    expect(r2.truncated?.source).toMatch(/^备份 desk-.*-manual\.sqlite$/)
  })

  it('two terminals on one database keep two chains; a row cut from the end of one shows, though the other wrote after it', async () => {
    const dir = tempDir()
    const headsA = memoryHeadStore()
    await auditedCore(headsA, dir)
    await core!.close()
    core = await openCore({ dataDir: dir, terminalId: 'T-B', terminalName: '二号前台', migrationsDir: MIGRATIONS, auditHeads: memoryHeadStore() })
    const tb = (await callOk(core, 'auth.login', { staffNo: 'admin', pin: '246810' })).token
    await callOk(core, 'staff.create', { staffNo: 'Q8', name: '孙丽', roles: ['clerk'], pin: '1234' }, tb)
    await core.close()
    core = await openCore({ dataDir: dir, terminalId: 'T-A', migrationsDir: MIGRATIONS, auditHeads: headsA })
    const v = await verifyChain(core.db.read, outsideAnchors(headsA, core.backupDir))
    expect(v).toMatchObject({ ok: true, warnings: [expect.stringContaining('二号前台')] }) // B's head is kept on B, not here
    expect(v.chains.map((c) => [c.terminalName, c.count])).toEqual([['一号前台', 6], ['二号前台', 2]])
    const firstB = await core.db.read.get<AuditRow>("SELECT * FROM audit_events WHERE terminal_id = 'T-B' ORDER BY seq LIMIT 1")
    expect(firstB).toMatchObject({ chain_seq: 1, prev_hash: '0'.repeat(64) })
    // A's last row removed; B's rows after it stay and are whole.
    await core.db.tx(async (w) => {
      await w.exec('DROP TRIGGER audit_events_no_delete')
      await w.run("DELETE FROM audit_events WHERE seq = (SELECT max(seq) FROM audit_events WHERE terminal_id = 'T-A')")
    })
    const r = await verifyChain(core.db.read, outsideAnchors(headsA, core.backupDir))
    expect(r.ok).toBe(false)
    expect(r.reason).toMatch(/缺少第 6 条|被截断/)
  })

  it('rows written before the site (hence its secret) exists are sealed unkeyed; the keyed chain links to them', async () => {
    core = await openCore({ dataDir: tempDir(), terminalId: 'T-P', migrationsDir: MIGRATIONS, auditHeads: memoryHeadStore() })
    expect((await core.call('auth.login', { staffNo: 'nobody', pin: '0000' }, null)).ok).toBe(false)
    const before = await countRows(core, 'audit_events')
    expect(before).toBeGreaterThan(0) // the failed login is audited (auth), before any secret exists
    const token = await setUpSite(core)
    const v = await callOk(core, 'audit.verify', {}, token)
    expect(v).toMatchObject({ ok: true, legacyRows: before, chains: [{ terminalId: 'T-P' }] })
  })

  it('rows from before the keyed chain keep their unkeyed seal; the keyed chain starts from that marked point', async () => {
    const dir = tempDir()
    // A database as the previous version left it: migrations up to 0007 and an unkeyed trail.
    const old = tempDir('desk-mig-')
    fs.cpSync(MIGRATIONS, old, { recursive: true })
    const jf = path.join(old, 'meta', '_journal.json')
    const j = JSON.parse(fs.readFileSync(jf, 'utf8'))
    j.entries = j.entries.filter((e: { tag: string }) => e.tag < '0008')
    fs.writeFileSync(jf, JSON.stringify(j))
    // The new code writes the terminals table at start, which the old schema lacks: it stops there,
    // after the old migrations; the old trail is then written by hand as the old code sealed it.
    await expect(openCore({ dataDir: dir, terminalId: 'T-OLD', migrationsDir: old })).rejects.toThrow(/terminals/)
    const file = path.join(dir, 'desk.sqlite')
    const conn = new sqlite3.Database(file)
    const run = (q: string, p: unknown[] = []) => new Promise<void>((res, rej) => conn.run(q, p, (e) => (e ? rej(e) : res())))
    let prev = '0'.repeat(64)
    for (let i = 1; i <= 3; i++) {
      const f: SealedFields = { id: `old-${i}`, at: `2026-01-0${i}T00:00:00.000Z`, staffId: null, terminalId: 'T-OLD', action: 'site.update', entity: 'site', entityId: null, summary: `旧记录 ${i}`, changes: '{}' }
      const hash = legacyHash(prev, f)
      await run('INSERT INTO audit_events (seq, id, at, staff_id, terminal_id, action, entity, entity_id, summary, changes, prev_hash, hash) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)', [i, f.id, f.at, null, f.terminalId, f.action, f.entity, null, f.summary, f.changes, prev, hash])
      prev = hash
    }
    await new Promise<void>((res) => conn.close(() => res()))
    core = await openCore({ dataDir: dir, terminalId: 'T-NEW', migrationsDir: MIGRATIONS, auditHeads: memoryHeadStore() })
    expect(core.migration.applied).toContain('0010_audit_keyed_chain')
    const token = await setUpSite(core)
    const v = await callOk(core, 'audit.verify', {}, token)
    expect(v).toMatchObject({ ok: true, legacyRows: 3, chains: [{ terminalId: 'T-NEW' }] })
    const first = await core.db.read.get<AuditRow>("SELECT * FROM audit_events WHERE seal = 'hmac1' ORDER BY seq LIMIT 1")
    expect(first).toMatchObject({ seq: 4, chain_seq: 1, prev_hash: prev })
    // An old row edited and the old rows after it re-sealed: the first keyed row no longer links.
    await editAndReseal(core, 2, 'unkeyed', 3)
    const v2 = await callOk(core, 'audit.verify', {}, token)
    expect(v2).toMatchObject({ ok: false, brokenAt: 4 })
    expect(v2.reason).toContain('链接不符')
  })
})
