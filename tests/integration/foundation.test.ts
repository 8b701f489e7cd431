import { afterEach, describe, expect, it } from 'vitest'
import { callOk, openCore, type Core } from '../../electron/core/app'
import { countRows, freshCore, MIGRATIONS, setUpSite, tempDir } from '../helpers/core'

let core: Core
afterEach(async () => core?.close())

describe('setup, login and roles', () => {
  it('creates the site once, logs in, and refuses a second setup', async () => {
    core = await freshCore()
    expect(await callOk(core, 'setup.status', {})).toEqual({ needsSetup: true })
    const token = await setUpSite(core)
    expect((await callOk(core, 'site.get', {}, token)).shifts.map((s) => s.name)).toEqual(['早班', '中班', '晚班'])
    const again = await core.call('setup.create', { name: 'x', office: 'y', adminStaffNo: 'zz', adminName: '某', adminPin: '1234' }, null)
    expect(again).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    expect(await countRows(core, 'staff')).toBe(1)
  })

  it('stores PINs hashed, never plain', async () => {
    core = await freshCore()
    await setUpSite(core)
    const row = await core.db.read.get<{ pin_hash: string }>('SELECT pin_hash FROM staff')
    expect(row!.pin_hash).toMatch(/^scrypt\$/)
    expect(row!.pin_hash).not.toContain('246810')
  })

  it('locks the account after 5 wrong PINs, audited, and refuses the right PIN while locked', async () => {
    let t = new Date('2026-11-24T01:00:00Z').getTime()
    core = await freshCore(undefined, () => new Date(t))
    await setUpSite(core)
    for (let i = 1; i <= 4; i++) {
      const r = await core.call('auth.login', { staffNo: 'admin', pin: '000000' }, null)
      expect(r).toMatchObject({ ok: false, error: { code: 'BAD_CREDENTIALS', field: 'pin' } })
      if (!r.ok) expect(r.error.message).toContain(`还可尝试 ${5 - i} 次`)
      t += 60_000 // from the 3rd wrong PIN on, the next guess waits (auth-lockout.test.ts)
    }
    expect(await core.call('auth.login', { staffNo: 'admin', pin: '000000' }, null)).toMatchObject({ ok: false, error: { code: 'LOCKED' } })
    expect(await core.call('auth.login', { staffNo: 'admin', pin: '246810' }, null)).toMatchObject({ ok: false, error: { code: 'LOCKED' } })
    const actions = (await core.db.read.all<{ action: string }>('SELECT action FROM audit_events ORDER BY seq')).map((a) => a.action)
    expect(actions.filter((a) => a === 'auth.fail')).toHaveLength(5)
    expect(actions).toContain('auth.lock')
    t += 5 * 60_000 + 1000
    expect((await core.call('auth.login', { staffNo: 'admin', pin: '246810' }, null)).ok).toBe(true)
  })

  it('refuses calls without a session or by a role not allowed, changing nothing', async () => {
    core = await freshCore()
    const adminToken = await setUpSite(core)
    expect(await core.call('staff.list', {}, null)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
    expect(await core.call('staff.create', { staffNo: 'Q9', name: '某某', roles: ['clerk'], pin: '1234' }, 'forged')).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' },
    })
    await callOk(core, 'staff.create', { staffNo: 'Q1', name: '李娜', roles: ['clerk'], pin: '1234' }, adminToken)
    const clerk = (await callOk(core, 'auth.login', { staffNo: 'Q1', pin: '1234' })).token
    const before = await countRows(core, 'staff')
    const r = await core.call('staff.create', { staffNo: 'Q2', name: '王五', roles: ['admin'], pin: '1234' }, clerk)
    expect(r).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await countRows(core, 'staff')).toBe(before)
  })

  it('a disabled account loses its session at once', async () => {
    core = await freshCore()
    const adminToken = await setUpSite(core)
    const s = await callOk(core, 'staff.create', { staffNo: 'Q1', name: '李娜', roles: ['clerk'], pin: '1234' }, adminToken)
    const clerk = (await callOk(core, 'auth.login', { staffNo: 'Q1', pin: '1234' })).token
    await callOk(core, 'staff.update', { id: s.id, name: '李娜', roles: ['clerk'], active: false }, adminToken)
    expect(await core.call('building.list', {}, clerk)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
    expect(await core.call('auth.login', { staffNo: 'Q1', pin: '1234' }, null)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  })
})

describe('审计日志 and 项目设置 for the administrator', () => {
  it('filters the trail by who, what and when (site time zone); shows the terminal by its name', async () => {
    let t = Date.parse('2026-11-23T15:30:00Z') // 23:30 in Shanghai, 11-23
    core = await openCore({ dataDir: tempDir(), terminalId: 'T-1', terminalName: '一号前台', migrationsDir: MIGRATIONS, now: () => new Date(t) })
    const admin = await setUpSite(core)
    const q1 = await callOk(core, 'staff.create', { staffNo: 'Q1', name: '李娜', roles: ['clerk'], pin: '1234' }, admin)
    t += 60 * 60_000 // 00:30 in Shanghai, 11-24
    await callOk(core, 'auth.login', { staffNo: 'Q1', pin: '1234' })
    await callOk(core, 'staff.update', { id: q1.id, name: '李娜', roles: ['clerk'], active: true }, admin)
    const all = await callOk(core, 'audit.list', {}, admin)
    expect(all.rows.every((r) => r.terminalName === '一号前台')).toBe(true)
    const byQ1 = await callOk(core, 'audit.list', { staffId: q1.id }, admin)
    expect(byQ1.rows.map((r) => r.action)).toEqual(['auth.login'])
    const staffArea = await callOk(core, 'audit.list', { area: 'staff' }, admin)
    expect(new Set(staffArea.rows.map((r) => r.action))).toEqual(new Set(['staff.create', 'staff.update']))
    expect((await callOk(core, 'audit.list', { action: 'staff.create' }, admin)).total).toBe(2) // the admin at setup, then Q1
    const day23 = await callOk(core, 'audit.list', { from: '2026-11-23', to: '2026-11-23' }, admin)
    const day24 = await callOk(core, 'audit.list', { from: '2026-11-24', to: '2026-11-24' }, admin)
    expect(day23.total + day24.total).toBe(all.total)
    expect(day24.rows.map((r) => r.action)).toEqual(['staff.update', 'auth.login'])
    expect((await callOk(core, 'audit.list', { staffId: q1.id, to: '2026-11-23' }, admin)).total).toBe(0)
    expect((await callOk(core, 'audit.list', { staffId: q1.id, from: '2026-11-24' }, admin)).total).toBe(1)
    expect(await core.call('audit.list', { from: '2026-11-25', to: '2026-11-24' }, admin)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'from' } })
    expect(await core.call('audit.list', { action: "x' OR 1=1" }, admin)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'action' } })
    expect((await callOk(core, 'audit.people', {}, admin)).map((p) => p.staffNo)).toEqual(['Q1', 'admin'])
    expect(await callOk(core, 'audit.actions', {}, admin)).toContain('site.create')
    // Renamed: the new name everywhere, the rename audited; a row of an unknown terminal keeps its id.
    await callOk(core, 'site.renameTerminal', { name: '东门前台' }, admin)
    const after = await callOk(core, 'audit.list', { pageSize: 1 }, admin)
    expect(after.rows[0]).toMatchObject({ action: 'site.terminalName', terminalName: '东门前台' })
    expect(await core.call('site.renameTerminal', { name: '' }, admin)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'name' } })
    const clerk = (await callOk(core, 'auth.login', { staffNo: 'Q1', pin: '1234' })).token
    expect(await core.call('audit.list', {}, clerk)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  })

  it('项目设置 takes names only: new items get generated codes, edited items keep theirs, a name twice is refused', async () => {
    core = await freshCore()
    const admin = await setUpSite(core)
    const site = await callOk(core, 'site.get', {}, admin)
    const next = await callOk(
      core,
      'site.update',
      {
        name: site.name,
        office: site.office,
        timeZone: 'Asia/Shanghai',
        shifts: [...site.shifts.map((s) => (s.name === '早班' ? { ...s, name: '早班(A)' } : s)), { name: '夜班', start: '20:00', end: '08:00' }],
        checklist: [...site.checklist, { name: '监控画面正常' }],
        custodyItems: [...site.custodyItems, { name: '雨伞', unit: 'count', expected: 5 }],
      },
      admin,
    )
    expect(next.shifts.find((s) => s.name === '早班(A)')!.code).toBe('early')
    const night = next.shifts.find((s) => s.name === '夜班')!
    expect(night.code).toMatch(/^shift-[0-9a-f]{8}$/)
    expect(next.checklist.at(-1)!.code).toMatch(/^check-[0-9a-f]{8}$/)
    expect(next.custodyItems.at(-1)!.code).toMatch(/^item-[0-9a-f]{8}$/)
    const dup = await core.call('site.update', { name: site.name, office: site.office, timeZone: 'Asia/Shanghai', shifts: [...next.shifts, { name: '夜班', start: '21:00', end: '09:00' }] }, admin)
    expect(dup).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: `shifts.${next.shifts.length}.name` } })
    if (!dup.ok) expect(dup.error.message).toContain('夜班')
    expect((await callOk(core, 'site.get', {}, admin)).shifts).toHaveLength(next.shifts.length)
  })
})
