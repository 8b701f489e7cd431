import { afterEach, describe, expect, it } from 'vitest'
import { callOk, type Core } from '../../electron/core/app'
import { countRows, freshCore, setUpSite } from '../helpers/core'

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
