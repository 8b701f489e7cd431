import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import sqlite3 from 'sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { callOk, openCore, type Core } from '../../electron/core/app'
import { memoryHeadStore } from '../../electron/core/audit/heads'
import { backupDb, dailyBackup, listBackups, manifestPath, readManifest } from '../../electron/core/db/backup'
import { countRows, freshCore, MIGRATIONS, setUpSite, tempDir } from '../helpers/core'
import { hostCall, startHost } from '../helpers/hostProcess'

let core: Core
afterEach(async () => {
  await core?.close()
  core = undefined as never
})

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
  it('an administrator backs up on demand: a complete copy with its manifest, audited; others may not', async () => {
    core = await freshCore()
    const admin = await setUpSite(core)
    await callOk(core, 'demo.fill', {}, admin)
    const b = await callOk(core, 'backup.now', {}, admin)
    expect(b.label).toBe('manual')
    expect(await integrity(b.path)).toBe('ok')
    const m = readManifest(b.path)!
    expect(m.sizeBytes).toBe(fs.statSync(b.path).size)
    expect(m.counts.residents).toBe(await countRows(core, 'residents'))
    expect(b.counts?.staff).toBe(await countRows(core, 'staff'))
    expect(m.heads).toEqual([expect.objectContaining({ terminalId: 'T-TEST', count: expect.any(Number) })])
    expect((await callOk(core, 'backup.list', {}, admin)).map((x) => x.fileName)).toContain(b.fileName)
    expect(await core.db.read.get("SELECT 1 FROM audit_events WHERE action = 'backup.now'")).toBeTruthy()
    const clerk = (await callOk(core, 'auth.login', { staffNo: 'Q001', pin: '1234' })).token
    expect(await core.call('backup.now', {}, clerk)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await core.call('backup.restore', { fileName: b.fileName }, clerk)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  })

  it('one daily copy a day, the last 14 good ones kept, other copies never pruned', async () => {
    core = await freshCore()
    await setUpSite(core)
    const dir = core.backupDir
    let t = Date.parse('2026-11-01T01:00:00Z')
    expect(await dailyBackup(core.db, dir, new Date(t))).toBeTruthy()
    expect(await dailyBackup(core.db, dir, new Date(t + 3600_000))).toBeNull() // same day: nothing
    const manual = await backupDb(core.db, dir, 'manual', { now: new Date(t - 86400_000) })
    for (let d = 0; d < 16; d++) {
      t += 86400_000 + 60_000
      expect(await dailyBackup(core.db, dir, new Date(t))).toBeTruthy()
    }
    const all = listBackups(dir)
    expect(all.filter((b) => b.label === 'daily')).toHaveLength(14)
    expect(all.map((b) => b.path)).toContain(manual)
    // Pruned copies take their manifests with them.
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.head.json'))).toHaveLength(15)
  })

  it('a backup killed half-way is never listed nor counted among the 14', async () => {
    core = await freshCore()
    const admin = await setUpSite(core)
    await callOk(core, 'demo.fill', {}, admin)
    const dir = core.backupDir
    const good = await backupDb(core.db, dir, 'daily', { now: new Date('2026-11-01T01:00:00Z') })
    const bytes = fs.readFileSync(good)
    // Killed during VACUUM INTO: half a copy under the temporary name, beside its hot journal.
    fs.writeFileSync(path.join(dir, 'desk-2026-11-02T01-00-00-000Z-daily.sqlite.partial'), bytes.subarray(0, bytes.length >> 1))
    fs.writeFileSync(path.join(dir, 'desk-2026-11-02T01-00-00-000Z-daily.sqlite.partial-journal'), 'x')
    // The same under the final name (as the old code left it), a 0-byte one, and a whole copy whose manifest disagrees.
    fs.writeFileSync(path.join(dir, 'desk-2026-11-03T01-00-00-000Z-daily.sqlite'), bytes.subarray(0, bytes.length >> 1))
    fs.writeFileSync(path.join(dir, 'desk-2026-11-04T01-00-00-000Z-daily.sqlite'), '')
    fs.writeFileSync(path.join(dir, 'desk-2026-11-04T01-00-00-000Z-daily.sqlite-journal'), 'x')
    const bad = path.join(dir, 'desk-2026-11-05T01-00-00-000Z-manual.sqlite')
    fs.writeFileSync(bad, bytes.subarray(0, bytes.length - 4096))
    fs.writeFileSync(manifestPath(bad), JSON.stringify({ ...readManifest(good), fileName: path.basename(bad) }))
    // An old copy made before manifests, whole: still listed.
    const legacy = path.join(dir, 'desk-2026-10-01T01-00-00-000Z-manual.sqlite')
    fs.writeFileSync(legacy, bytes)
    expect(listBackups(dir).map((b) => b.fileName).sort()).toEqual([path.basename(legacy), path.basename(good)].sort())
    expect(await core.call('backup.inspect', { fileName: path.basename(bad) }, admin)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    // The next daily copy: leftovers removed, broken copies set aside (not counted), a new good copy.
    const next = await dailyBackup(core.db, dir, new Date('2026-11-06T01:00:00Z'))
    expect(next).toBeTruthy()
    const files = fs.readdirSync(dir)
    expect(files.filter((f) => f.includes('.partial'))).toEqual([])
    expect(files.filter((f) => f.endsWith('.broken')).sort()).toEqual(
      ['desk-2026-11-03T01-00-00-000Z-daily.sqlite.broken', 'desk-2026-11-04T01-00-00-000Z-daily.sqlite.broken', 'desk-2026-11-05T01-00-00-000Z-manual.sqlite.broken'].sort(),
    )
    expect(listBackups(dir).filter((b) => b.label === 'daily').map((b) => b.path)).toEqual([next, good])
  })

  it('a daily copy and a manual one at the same moment both come out whole', async () => {
    core = await freshCore()
    const admin = await setUpSite(core)
    await callOk(core, 'demo.fill', {}, admin)
    const [daily, manual] = await Promise.all([dailyBackup(core.db, core.backupDir, new Date()), callOk(core, 'backup.now', {}, admin)])
    expect(listBackups(core.backupDir).map((b) => b.path).sort()).toEqual([daily, manual.path].sort())
    expect(await integrity(daily!)).toBe('ok')
    expect(await integrity(manual.path)).toBe('ok')
  })

  it('the app makes its daily copy at start', async () => {
    const dir = tempDir()
    core = await openCore({ dataDir: dir, terminalId: 'T', migrationsDir: MIGRATIONS, autoBackup: true })
    await expect.poll(() => listBackups(path.join(dir, 'backups')).filter((b) => b.label === 'daily').length).toBe(1)
  })
})

describe('restore from a backup', () => {
  it('round trip: see the date and counts, restore (current file kept first), sessions end, the desk runs on the copy', async () => {
    const heads = memoryHeadStore()
    const dir = tempDir()
    core = await openCore({ dataDir: dir, terminalId: 'T-R', migrationsDir: MIGRATIONS, auditHeads: heads })
    const admin = await setUpSite(core)
    await callOk(core, 'staff.create', { staffNo: 'Q1', name: '李娜', roles: ['clerk'], pin: '1234' }, admin)
    const b = await callOk(core, 'backup.now', {}, admin)
    await callOk(core, 'staff.create', { staffNo: 'Q2', name: '王芳', roles: ['clerk'], pin: '1234' }, admin)
    await expect.poll(() => heads.read()?.epoch).toBeTruthy()
    const epochBefore = heads.read()!.epoch

    const detail = await callOk(core, 'backup.inspect', { fileName: b.fileName }, admin)
    expect(detail).toMatchObject({ fileName: b.fileName, at: b.at, siteName: '阳光花园', verified: true, counts: { staff: 2 } })

    const r = await callOk(core, 'backup.restore', { fileName: b.fileName }, admin)
    expect(r.restoredFrom).toBe(b.fileName)
    // Every session ended: the browser goes back to the login page.
    expect(await core.call('staff.list', {}, admin)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
    const again = (await callOk(core, 'auth.login', { staffNo: 'admin', pin: '246810' })).token
    const names = (await callOk(core, 'staff.list', {}, again)).map((s) => s.staffNo)
    expect(names).toContain('Q1')
    expect(names).not.toContain('Q2')
    // The file replaced was kept as a backup first, and holds what was there.
    const safety = listBackups(core.backupDir).find((x) => x.fileName === r.safetyCopy)!
    expect(safety.label).toBe('before-restore')
    expect(safety.counts?.staff).toBe(3)
    expect(fs.readdirSync(dir).filter((f) => f.includes('.replaced') || f.includes('.restoring'))).toEqual([])
    // The restore is in the restored trail; the chain checks out against a new epoch of heads.
    expect(await core.db.read.get("SELECT 1 FROM audit_events WHERE action = 'backup.restore'")).toBeTruthy()
    expect(heads.read()!.epoch).not.toBe(epochBefore)
    const v = await callOk(core, 'audit.verify', {}, again)
    expect(v).toMatchObject({ ok: true, warnings: [] })
    // And the restored site keeps working.
    await callOk(core, 'staff.create', { staffNo: 'Q3', name: '周杰', roles: ['clerk'], pin: '1234' }, again)
    expect(await callOk(core, 'audit.verify', {}, again)).toMatchObject({ ok: true })
  })

  it('calls arriving while the file is swapped wait, then meet the restored database (never a closed handle)', async () => {
    core = await freshCore()
    const admin = await setUpSite(core)
    await callOk(core, 'demo.fill', {}, admin)
    const b = await callOk(core, 'backup.now', {}, admin)
    let done = false
    const restoring = core.call('backup.restore', { fileName: b.fileName }, admin).finally(() => (done = true))
    const calls: Array<ReturnType<Core['call']>> = []
    while (!done) {
      calls.push(core.call('building.list', {}, admin))
      await new Promise((r) => setTimeout(r, 5))
    }
    expect((await restoring).ok).toBe(true)
    const codes = (await Promise.all(calls)).map((r) => (r.ok ? 'ok' : r.error.code))
    expect(calls.length).toBeGreaterThan(5)
    expect(codes.filter((c) => c !== 'ok' && c !== 'UNAUTHENTICATED')).toEqual([])
    expect(codes).toContain('UNAUTHENTICATED')
  })

  it('a copy that differs from its manifest is refused and nothing changes', async () => {
    core = await freshCore()
    const admin = await setUpSite(core)
    const b = await callOk(core, 'backup.now', {}, admin)
    // Same size, one byte different (in the last page, not the header).
    const buf = fs.readFileSync(b.path)
    buf[buf.length - 10] ^= 0xff
    fs.writeFileSync(b.path, buf)
    const r = await core.call('backup.restore', { fileName: b.fileName }, admin)
    expect(r).toMatchObject({ ok: false, error: { code: 'RULE', field: 'fileName' } })
    if (!r.ok) expect(r.error.message).toContain('不符')
    expect((await core.call('staff.list', {}, admin)).ok).toBe(true) // still logged in, same database
    expect(listBackups(core.backupDir).filter((x) => x.label === 'before-restore')).toEqual([])
  })

  it('a data folder with backups but no database: the setup screen offers them, a new empty site only by choice', async () => {
    const dir = tempDir()
    core = await openCore({ dataDir: dir, terminalId: 'T-S', migrationsDir: MIGRATIONS })
    const admin = await setUpSite(core)
    await callOk(core, 'staff.create', { staffNo: 'Q1', name: '李娜', roles: ['clerk'], pin: '1234' }, admin)
    const b = await callOk(core, 'backup.now', {}, admin)
    await core.close()
    fs.rmSync(path.join(dir, 'desk.sqlite')) // the site's file lost
    core = await openCore({ dataDir: dir, terminalId: 'T-S', migrationsDir: MIGRATIONS })
    const status = await callOk(core, 'setup.status', {})
    expect(status).toMatchObject({ needsSetup: true, backups: [{ fileName: b.fileName, counts: { staff: 2 } }] })
    expect(JSON.stringify(status)).not.toContain(dir) // no paths before a login
    const input = { name: '新项目', office: '新项目物业服务中心', timeZone: 'Asia/Shanghai' as const, adminStaffNo: 'root', adminName: '钱七', adminPin: '135790' }
    expect(await core.call('setup.create', input, null)).toMatchObject({ ok: false, error: { code: 'RULE', field: 'confirmNew' } })
    expect(await countRows(core, 'site')).toBe(0)
    await callOk(core, 'setup.restore', { fileName: b.fileName })
    const token = (await callOk(core, 'auth.login', { staffNo: 'admin', pin: '246810' })).token
    expect((await callOk(core, 'staff.list', {}, token)).map((s) => s.staffNo)).toContain('Q1')
    // Once a site exists, the public door is shut.
    expect(await core.call('setup.restore', { fileName: b.fileName }, null)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    expect((await core.call('staff.list', {}, token)).ok).toBe(true)
  })

  it('the same folder, a new site chosen explicitly', async () => {
    const dir = tempDir()
    core = await openCore({ dataDir: dir, terminalId: 'T-S', migrationsDir: MIGRATIONS })
    const admin = await setUpSite(core)
    await callOk(core, 'backup.now', {}, admin)
    await core.close()
    fs.rmSync(path.join(dir, 'desk.sqlite'))
    core = await openCore({ dataDir: dir, terminalId: 'T-S', migrationsDir: MIGRATIONS })
    await callOk(core, 'setup.create', { name: '新项目', office: '新项目物业服务中心', timeZone: 'Asia/Shanghai', adminStaffNo: 'root', adminName: '钱七', adminPin: '135790', confirmNew: true })
    expect(await callOk(core, 'setup.status', {})).toEqual({ needsSetup: false, siteName: '新项目' })
  })

  it('a copy that will not open (from a newer version): the previous file is put back, sessions kept, nothing changed', async () => {
    core = await freshCore()
    const admin = await setUpSite(core)
    await callOk(core, 'staff.create', { staffNo: 'Q1', name: '李娜', roles: ['clerk'], pin: '1234' }, admin)
    const b = await callOk(core, 'backup.now', {}, admin)
    // The copy as a newer desk would have left it, its manifest rewritten to match (it passes inspection).
    await new Promise<void>((res, rej) => {
      const db = new sqlite3.Database(b.path)
      db.exec("INSERT INTO __desk_migrations VALUES ('0099_future', 'x', '2030-01-01T00:00:00Z')", (e) => db.close(() => (e ? rej(e) : res())))
    })
    const m = readManifest(b.path)!
    const bytes = fs.readFileSync(b.path)
    fs.writeFileSync(manifestPath(b.path), JSON.stringify({ ...m, sizeBytes: bytes.length, sha256: crypto.createHash('sha256').update(bytes).digest('hex') }))
    await callOk(core, 'staff.create', { staffNo: 'Q2', name: '王芳', roles: ['clerk'], pin: '1234' }, admin)
    const r = await core.call('backup.restore', { fileName: b.fileName }, admin)
    expect(r).toMatchObject({ ok: false, error: { code: 'RULE', field: 'fileName' } })
    if (!r.ok) expect(r.error.message).toMatch(/更新版本.*当前数据库未被改动,仍在使用/)
    const staff = await callOk(core, 'staff.list', {}, admin) // same session, same database
    expect(staff.map((s) => s.staffNo)).toContain('Q2')
    expect(fs.readdirSync(path.dirname(core.dbFile)).filter((f) => /replaced|restoring/.test(f))).toEqual([])
    await callOk(core, 'staff.create', { staffNo: 'Q3', name: '周杰', roles: ['clerk'], pin: '1234' }, admin)
  })

  it('a path instead of a backup name is refused', async () => {
    core = await freshCore()
    const admin = await setUpSite(core)
    expect(await core.call('backup.restore', { fileName: '../desk.sqlite' }, admin)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'fileName' } })
  })
})

describe('host mode (a real process)', () => {
  it('restores over HTTP: the core reopens on the restored file in the same process; the heads go to terminal.json', async () => {
    const dir = tempDir()
    const host = await startHost(dir)
    try {
      expect(host.port).toBeGreaterThan(0)
      const ok = async (m: string, input: unknown, token?: string) => {
        const r = await hostCall(host.base, m, input, token)
        expect(r.body, `${m}: ${JSON.stringify(r.body)}`).toMatchObject({ ok: true })
        return r.body.value as never
      }
      await ok('setup.create', { name: '阳光花园', office: '阳光花园物业服务中心', timeZone: 'Asia/Shanghai', adminStaffNo: 'admin', adminName: '赵敏', adminPin: '246810' })
      const { token } = await ok('auth.login', { staffNo: 'admin', pin: '246810' }) as { token: string }
      const b = (await ok('backup.now', {}, token)) as { fileName: string }
      await ok('staff.create', { staffNo: 'Q9', name: '后来的人', roles: ['clerk'], pin: '1234' }, token)
      await ok('backup.restore', { fileName: b.fileName }, token)
      expect((await hostCall(host.base, 'staff.list', {}, token)).status).toBe(401)
      const again = ((await ok('auth.login', { staffNo: 'admin', pin: '246810' })) as { token: string }).token
      expect(((await ok('staff.list', {}, again)) as Array<{ staffNo: string }>).map((s) => s.staffNo)).not.toContain('Q9')
      expect(await ok('audit.verify', {}, again)).toMatchObject({ ok: true, warnings: [] })
      const terminal = JSON.parse(fs.readFileSync(path.join(dir, 'terminal.json'), 'utf8'))
      expect(Object.values(terminal.auditHeads.heads)).toHaveLength(1)
    } finally {
      host.child.kill('SIGTERM')
      expect((await host.exited).code).toBe(0)
    }
  })

  it('a zero-byte desk.sqlite: host mode says so in Chinese, exits 2, the file stays zero bytes', async () => {
    const dir = tempDir()
    fs.writeFileSync(path.join(dir, 'desk.sqlite'), '')
    const host = await startHost(dir)
    expect((await host.exited).code).toBe(2)
    expect(host.err()).toContain('数据文件是空的')
    expect(fs.statSync(path.join(dir, 'desk.sqlite')).size).toBe(0)
  })
})
