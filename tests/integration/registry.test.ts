import { afterEach, describe, expect, it } from 'vitest'
import ExcelJS from 'exceljs'
import { callOk, type Core } from '../../electron/core/app'
import { countRows, freshCore, setUpSite } from '../helpers/core'

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
})

describe('type-ahead search', () => {
  it('finds by room forms, name, pinyin initials and phone tail', async () => {
    const { token, unit } = await siteWithUnit()
    await callOk(core, 'resident.create', good(unit.id), token)
    await callOk(core, 'resident.create', { ...good(unit.id), name: '单晓丽', kind: 'family', phone: '13900009876', idNumber: undefined }, token)
    const titles = async (q: string) => (await callOk(core, 'search.query', { q, limit: 12 }, token)).map((h) => h.title)
    expect(await titles('1502')).toContain('3栋2单元1502')
    expect(await titles('3-2-1502')).toEqual(['3栋2单元1502'])
    expect(await titles('3栋2单元1502')).toEqual(['3栋2单元1502'])
    expect(await titles('3-1502')).toEqual(['3栋2单元1502'])
    expect(await titles('zw')).toEqual(['张伟(业主)'])
    expect(await titles('ZW')).toEqual(['张伟(业主)'])
    expect(await titles('sxl')).toEqual(['单晓丽(家属)']) // 单 as a surname reads shan
    expect(await titles('张')).toEqual(['张伟(业主)'])
    expect(await titles('晓丽')).toEqual(['单晓丽(家属)'])
    expect(await titles('9876')).toEqual(['单晓丽(家属)'])
    expect(await titles('5678')).toEqual(['张伟(业主)'])
    expect(await titles('不存在')).toEqual([])
  })

  it('uses its indexes (EXPLAIN QUERY PLAN)', async () => {
    core = await freshCore()
    const plan = async (sql: string) => (await core.db.read.all<{ detail: string }>(`EXPLAIN QUERY PLAN ${sql}`, ['a', 'b'])).map((r) => r.detail).join(' | ')
    expect(await plan('SELECT id FROM residents WHERE initials >= ? AND initials < ?')).toContain('residents_initials')
    expect(await plan('SELECT id FROM residents WHERE phone_tail = ? OR phone_tail = ?')).toContain('residents_phone_tail')
    expect(await plan('SELECT id FROM units WHERE room_key >= ? AND room_key < ?')).toContain('units_room_key')
    expect(await plan('SELECT id FROM residents WHERE name >= ? AND name < ?')).toContain('residents_name')
  })
})

describe('import', () => {
  const header = '楼栋,单元,房号,姓名,类型,电话,身份证号,入住日期'
  const b64 = (s: string | Buffer) => Buffer.from(s).toString('base64')

  it('reports every bad row and, with mode "all", imports nothing', async () => {
    const { token } = await siteWithUnit()
    const csv = [header, '3,2,1502,张伟,业主,13812345678,11010519491231002X,2020-05-01', '3,2,1503,,业主,13812345679,,', '4,1,101,李四,房东,13812345670,,', '4,1,102,王五,业主,138,,2020-13-45'].join('\n')
    const p = await callOk(core, 'import.preview', { fileName: 'a.csv', contentBase64: b64(csv) }, token)
    expect(p.totalRows).toBe(4)
    expect(p.validRows).toBe(1)
    expect(p.errors.map((e) => `${e.row}:${e.field}`)).toEqual(['3:姓名', '4:类型', '5:电话', '5:入住日期'])
    const r = await core.call('import.commit', { fileName: 'a.csv', contentBase64: b64(csv), mode: 'all' }, token)
    expect(r).toMatchObject({ ok: false, error: { code: 'RULE' } })
    expect(await countRows(core, 'residents')).toBe(0)
    expect(await countRows(core, 'units')).toBe(1)
    const v = await callOk(core, 'import.commit', { fileName: 'a.csv', contentBase64: b64(csv), mode: 'validOnly' }, token)
    expect(v).toEqual({ importedResidents: 1, createdUnits: 0, createdBuildings: 0, skippedRows: 3 })
  })

  it('reads GB18030 CSVs (as Excel saves them) and refuses rows already registered', async () => {
    const { token } = await siteWithUnit()
    const csv = `${header}\r\n5,1,801,欧阳晓丽,业主,15800005555,,\r\n`
    const gbk = Buffer.from(new Uint8Array(await new Response(csv).arrayBuffer())) // utf-8 first, to compare
    expect(gbk.length).toBeGreaterThan(0)
    // Node can decode GB18030 but not encode it: build the bytes of the Chinese header and name by hand.
    const enc = (s: string) => Buffer.from(s.split('').flatMap((ch) => GB[ch] ?? [ch.charCodeAt(0)]))
    const GB: Record<string, number[]> = {}
    const dec = new TextDecoder('gb18030')
    for (let hi = 0xb0; hi <= 0xf7; hi++) for (let lo = 0xa1; lo <= 0xfe; lo++) GB[dec.decode(new Uint8Array([hi, lo]))] = [hi, lo]
    const bytes = enc(csv)
    const r = await callOk(core, 'import.commit', { fileName: 'gbk.csv', contentBase64: bytes.toString('base64'), mode: 'all' }, token)
    expect(r).toMatchObject({ importedResidents: 1, createdUnits: 1, createdBuildings: 1 })
    const name = await core.db.read.get<{ name: string }>('SELECT name FROM residents')
    expect(name!.name).toBe('欧阳晓丽')
    const again = await callOk(core, 'import.preview', { fileName: 'gbk.csv', contentBase64: bytes.toString('base64') }, token)
    expect(again.errors).toEqual([{ row: 2, field: '姓名', message: '该住户已登记' }])
  })

  it('reads .xlsx files, dates and numeric phones included', async () => {
    const { token } = await siteWithUnit()
    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet('住户')
    ws.addRow(header.split(','))
    ws.addRow([7, 1, 2101, '赵敏', '业主', 13600001234, '11010519491231002X', new Date('2022-08-08T00:00:00Z')])
    ws.addRow([7, 1, 2102, '钱程', '租户', 13600004321, '', ''])
    const buf = Buffer.from(await wb.xlsx.writeBuffer())
    const r = await callOk(core, 'import.commit', { fileName: '住户.xlsx', contentBase64: buf.toString('base64'), mode: 'all' }, token)
    expect(r).toMatchObject({ importedResidents: 2, createdUnits: 2, createdBuildings: 1 })
    const row = await core.db.read.get<{ move_in_date: string; phone: string }>("SELECT move_in_date, phone FROM residents WHERE name = '赵敏'")
    expect(row).toEqual({ move_in_date: '2022-08-08', phone: '13600001234' })
  })

  it('refuses a file that is not a table of residents', async () => {
    const { token } = await siteWithUnit()
    expect(await core.call('import.preview', { fileName: 'a.csv', contentBase64: b64('a,b\n1,2\n') }, token)).toMatchObject({ ok: false, error: { code: 'RULE', message: expect.stringContaining('文件缺少列') } })
    expect(await core.call('import.preview', { fileName: 'a.xlsx', contentBase64: b64('not a zip') }, token)).toMatchObject({ ok: false, error: { code: 'RULE' } })
    expect(await core.call('import.preview', { fileName: 'a.txt', contentBase64: b64('x') }, token)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'fileName' } })
  })
})
