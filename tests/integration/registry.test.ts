import { afterEach, describe, expect, it } from 'vitest'
import { callOk, type Core } from '../../electron/core/app'
import { countRows, freshCore, setUpSite, tempDir } from '../helpers/core'

let core: Core
afterEach(async () => core?.close())

async function siteWithUnit() {
  core = await freshCore()
  const token = await setUpSite(core)
  const b = await callOk(core, 'building.create', { code: '3' }, token)
  const u = await callOk(core, 'unit.create', { buildingId: b.id, entrance: '2', room: '1502' }, token)
  return { token, building: b, unit: u }
}

const good = (unitId: string) => ({ unitId, name: '张伟', kind: 'owner' as const, phone: '13812345678', idNumber: '11010519491231002X' })

describe('registry: units and residents', () => {
  it('refuses a duplicate room, naming the field, and writes nothing', async () => {
    const { token, building } = await siteWithUnit()
    const auditBefore = await countRows(core, 'audit_events')
    const r = await core.call('unit.create', { buildingId: building.id, entrance: '2', room: '1502' }, token)
    expect(r).toMatchObject({ ok: false, error: { code: 'CONFLICT', field: 'room', message: '房号 3栋2单元1502 已存在' } })
    expect(await countRows(core, 'units')).toBe(1)
    expect(await countRows(core, 'audit_events')).toBe(auditBefore)
  })

  it.each([
    [{ idNumber: '110105194912310021' }, 'idNumber', '身份证号校验位不正确'],
    [{ idNumber: '1101051949' }, 'idNumber', '身份证号应为18位'],
    [{ phone: '12345' }, 'phone', '联系电话格式不正确'],
    [{ name: '  ' }, 'name', '姓名不能为空'],
    [{ kind: 'landlord' }, 'kind', '住户类型应为业主、租户或家属'],
  ])('refuses a resident with %o: names %s in Chinese, writes nothing', async (bad, field, msg) => {
    const { token, unit } = await siteWithUnit()
    const r = await core.call('resident.create', { ...good(unit.id), ...bad }, token)
    expect(r.ok).toBe(false)
    if (!r.ok) {
      expect(r.error.code).toBe('INVALID_INPUT')
      expect(r.error.field).toBe(field)
      expect(r.error.message).toContain(msg)
    }
    expect(await countRows(core, 'residents')).toBe(0)
  })

  it('masks numbers in lists and shows them whole on the detail to desk roles, auditing the look', async () => {
    const { token, unit } = await siteWithUnit()
    const created = await callOk(core, 'resident.create', good(unit.id), token)
    const detail = await callOk(core, 'unit.get', { id: unit.id }, token)
    expect(detail.residents[0]).toMatchObject({ phone: '138****5678', idNumber: '110105********002X' })
    const whole = await callOk(core, 'resident.get', { id: created.id }, token)
    expect(whole).toMatchObject({ phone: '13812345678', idNumber: '11010519491231002X' })
    const views = await core.db.read.all("SELECT * FROM audit_events WHERE action = 'resident.view'")
    expect(views).toHaveLength(1)
    // The engineering supervisor reads the registry but not personal numbers.
    await callOk(core, 'staff.create', { staffNo: 'E1', name: '吴强', roles: ['engineering'], pin: '1234' }, token)
    const eng = (await callOk(core, 'auth.login', { staffNo: 'E1', pin: '1234' })).token
    expect(await callOk(core, 'resident.get', { id: created.id }, eng)).toMatchObject({ phone: '138****5678', idNumber: '110105********002X' })
    // …and the audit trail itself never stores them whole.
    const changes = (await core.db.read.all<{ changes: string }>('SELECT changes FROM audit_events')).map((r) => r.changes).join('')
    expect(changes).not.toContain('11010519491231002X')
    expect(changes).not.toContain('13812345678')
  })

  it('updates with a field-level audit diff and soft-deletes on removal', async () => {
    const { token, unit } = await siteWithUnit()
    const r = await callOk(core, 'resident.create', good(unit.id), token)
    await callOk(core, 'resident.update', { ...good(unit.id), id: r.id, phone: '13900001111' }, token)
    const upd = await core.db.read.get<{ changes: string }>("SELECT changes FROM audit_events WHERE action = 'resident.update'")
    expect(JSON.parse(upd!.changes)).toEqual({ phone: ['138****5678', '139****1111'] })
    await callOk(core, 'resident.remove', { id: r.id, reason: '搬离' }, token)
    expect(await countRows(core, 'residents')).toBe(1)
    expect((await callOk(core, 'unit.get', { id: unit.id }, token)).residents).toHaveLength(0)
  })

  it('an agent must be authorised by an owner of the same unit', async () => {
    const { token, unit } = await siteWithUnit()
    const owner = await callOk(core, 'resident.create', good(unit.id), token)
    const tenant = await callOk(core, 'resident.create', { ...good(unit.id), name: '王强', kind: 'tenant', phone: '13700001111', idNumber: undefined }, token)
    const agent = { unitId: unit.id, name: '刘洋', phone: '15000002222', idNumber: '440305199001010018', scopes: ['keys' as const] }
    expect(await core.call('agent.create', { ...agent, ownerId: tenant.id }, token)).toMatchObject({ ok: false, error: { code: 'RULE', field: 'ownerId' } })
    expect(await countRows(core, 'agents')).toBe(0)
    const a = await callOk(core, 'agent.create', { ...agent, ownerId: owner.id }, token)
    expect(a).toMatchObject({ ownerName: '张伟', scopes: ['keys'] })
    expect((await callOk(core, 'unit.get', { id: unit.id }, token)).agents[0]).toMatchObject({ name: '刘洋', idNumber: '440305********0018', phone: '150****2222' })
    expect(await core.call('resident.remove', { id: owner.id }, token)).toMatchObject({ ok: false, error: { code: 'RULE' } })
  })

  it('an authorisation that ended yesterday at the site is refused, also between 00:00 and 08:00 (still yesterday in UTC)', async () => {
    // 2026-03-02 01:00 in Shanghai.
    core = await freshCore(tempDir(), () => new Date('2026-03-01T17:00:00Z'))
    const token = await setUpSite(core)
    const b = await callOk(core, 'building.create', { code: '3' }, token)
    const unit = await callOk(core, 'unit.create', { buildingId: b.id, entrance: '2', room: '1502' }, token)
    const owner = await callOk(core, 'resident.create', good(unit.id), token)
    const agent = { unitId: unit.id, ownerId: owner.id, name: '刘洋', phone: '15000002222', idNumber: '440305199001010018', scopes: ['keys' as const] }
    const r = await core.call('agent.create', { ...agent, validUntil: '2026-03-01' }, token)
    expect(r).toMatchObject({ ok: false, error: { code: 'RULE', field: 'validUntil', message: '授权有效期不能早于今天' } })
    expect(await countRows(core, 'agents')).toBe(0)
    expect(await callOk(core, 'agent.create', { ...agent, validUntil: '2026-03-02' }, token)).toMatchObject({ validUntil: '2026-03-02' })
  })
})
