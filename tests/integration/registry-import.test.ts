import fs from 'node:fs'
import path from 'node:path'
import ExcelJS from 'exceljs'
import { afterEach, describe, expect, it } from 'vitest'
import { callOk, openCore, type Core } from '../../electron/core/app'
import { refusedRowsCsv } from '../../shared/registry/importSchema'
import { countRows, freshCore, MIGRATIONS, setUpSite, tempDir } from '../helpers/core'
import { gbkBytes } from '../helpers/gbk'

let core: Core
afterEach(async () => core?.close())

const b64 = (s: string | Buffer) => Buffer.from(s).toString('base64')
const ID1 = '11010519491231002X'
const ID2 = '110101199003070011'

async function site() {
  core = await freshCore()
  return setUpSite(core)
}

const units = async () => (await core.db.read.all<{ room_key: string; room: string }>('SELECT room_key, room FROM units WHERE deleted_at IS NULL ORDER BY room_key')).map((u) => u.room_key)

describe('import: a real site file', () => {
  it('reads synonym headers and values as people write them (GBK CSV), one unit per room key', async () => {
    const token = await site()
    const csv = [
      '楼号,单元,房间号,住户姓名,身份,手机号,身份证,入住时间,备注',
      `3栋,2单元,0301,张伟,业主,138 1234 5678,${ID1},2019/5/1,`,
      '3号楼,2,301,李娜,家属,13900001111,,2019.5.1,同住',
      '3#,二单元,1502,王芳,租客,13900002222,,2020年3月8日,',
      '０３,２,１５０２,刘洋,家庭成员,13900003333,,43586,',
      'A座,,101室,陈静,产权人,010-66778899,,20210615,',
    ].join('\r\n')
    const file = { fileName: '住户名单.csv', contentBase64: gbkBytes(csv).toString('base64') }
    const p = await callOk(core, 'import.preview', file, token)
    expect(p.mapping).toEqual({ building: '楼号', entrance: '单元', room: '房间号', name: '住户姓名', kind: '身份', phone: '手机号', idNumber: '身份证', moveInDate: '入住时间' })
    expect(p.missing).toEqual([])
    expect(p.errors).toEqual([])
    expect(p).toMatchObject({ totalRows: 5, validRows: 5, newUnits: 3 })
    expect(p.sample.map((s) => `${s.unit} ${s.name} ${s.kind} ${s.moveInDate}`)).toEqual([
      '3栋2单元301 张伟 业主 2019-05-01',
      '3栋2单元301 李娜 家属 2019-05-01',
      '3栋2单元1502 王芳 租户 2020-03-08',
      '3栋2单元1502 刘洋 家属 2019-05-01',
      'A栋101 陈静 业主 2021-06-15',
    ])
    const r = await callOk(core, 'import.commit', { ...file, mode: 'all' }, token)
    expect(r).toMatchObject({ importedResidents: 5, createdBuildings: 2, createdUnits: 3, skippedRows: 0 })
    expect(await units()).toEqual(['3-2-1502', '3-2-301', 'A--101'])
    expect(await core.db.read.all('SELECT phone, move_in_date AS d FROM residents ORDER BY phone')).toContainEqual({ phone: '13812345678', d: '2019-05-01' })
  })

  it('matches rooms already registered by their key: "0301" in the file is the form\'s "301"', async () => {
    const token = await site()
    const b = await callOk(core, 'building.create', { code: '3' }, token)
    await callOk(core, 'unit.create', { buildingId: b.id, entrance: '2', room: '301' }, token)
    const csv = '\uFEFF楼栋,单元,房号,姓名,类型,电话\n3栋,2单元,0301,张伟,业主,13812345678\n'
    const r = await callOk(core, 'import.commit', { fileName: 'a.csv', contentBase64: b64(csv), mode: 'all' }, token)
    expect(r).toMatchObject({ createdBuildings: 0, createdUnits: 0, importedResidents: 1 })
    expect(await units()).toEqual(['3-2-301'])
  })

  it('lists every refused value, refuses the whole file in mode "all", and the refused rows re-import once fixed', async () => {
    const token = await site()
    const header = '楼栋,单元,房号,姓名,类型,电话,身份证号,入住日期'
    const csv = [
      header,
      `3,2,1502,张伟,业主,13812345678,${ID1},2020-05-01`,
      '3,2,1503,,业主,13812345679,,',
      '4,1,101,李四,房客户,13812345670,,',
      '4,1,102,王五,业主,138,,2020-13-45',
      '楼,1,103,赵六,业主,13812345671,1.10105E+17,',
    ].join('\n')
    const file = { fileName: 'a.csv', contentBase64: b64(csv) }
    const p = await callOk(core, 'import.preview', file, token)
    expect(p).toMatchObject({ totalRows: 5, validRows: 1 })
    expect(p.errors.map((e) => `${e.row}|${e.field}|${e.value}`)).toEqual([
      '3|姓名|',
      '4|类型|房客户',
      '5|电话|138',
      '5|入住日期|2020-13-45',
      '6|楼栋|楼',
      '6|身份证号|1.10105E+17',
    ])
    expect(p.errors.find((e) => e.field === '身份证号')!.message).toContain('科学计数法')
    expect(p.refusedRows.map((r) => r.row)).toEqual([3, 4, 5, 6])
    expect(p.refusedRows[2]).toMatchObject({ cells: ['4', '1', '102', '王五', '业主', '138', '', '2020-13-45'] })
    expect(p.refusedRows[2].reasons).toContain('电话:')
    expect(p.refusedRows[2].reasons).toContain('入住日期:')

    expect(await core.call('import.commit', { ...file, mode: 'all' }, token)).toMatchObject({ ok: false, error: { code: 'RULE', message: expect.stringContaining('4 行未通过检查') } })
    expect(await countRows(core, 'residents')).toBe(0)
    const v = await callOk(core, 'import.commit', { ...file, mode: 'validOnly' }, token)
    expect(v).toMatchObject({ importedResidents: 1, skippedRows: 4, headers: header.split(',') })
    expect(v.refusedRows).toEqual(p.refusedRows)

    // The downloaded CSV: BOM, the file's own columns first, then 原行号 and 未导入原因.
    const out = refusedRowsCsv(v.headers, v.refusedRows)
    expect(out.startsWith('\uFEFF楼栋,单元,房号,姓名,类型,电话,身份证号,入住日期,原行号,未导入原因\r\n')).toBe(true)
    const fixed = out
      .replace(',,业主,13812345679', ',钱七,业主,13812345679')
      .replace('房客户', '租户')
      .replace(',138,,2020-13-45', ',13812345672,,2020-12-31')
      .replace('楼,1,103', '4栋,1,103')
      .replace('1.10105E+17', ID2)
    const check = await callOk(core, 'import.preview', { fileName: '未导入的行.csv', contentBase64: b64(fixed) }, token)
    expect(check.errors).toEqual([])
    const again = await callOk(core, 'import.commit', { fileName: '未导入的行.csv', contentBase64: b64(fixed), mode: 'all' }, token)
    expect(again).toMatchObject({ importedResidents: 4, skippedRows: 0 })
  })

  it('reads the whole address written in one column (房屋编号 "3-2-0301", "3栋2单元1502室")', async () => {
    const token = await site()
    const csv = '房屋编号,姓名,身份,电话\n3-2-0301,张伟,业主,13812345678\n3栋2单元1502室,李娜,业主,13812345679\n1502,王芳,业主,13812345670\n'
    const p = await callOk(core, 'import.preview', { fileName: 'a.csv', contentBase64: b64(csv) }, token)
    expect(p.mapping.room).toBe('房屋编号')
    expect(p.sample.map((x) => x.unit)).toEqual(['3栋2单元301', '3栋2单元1502'])
    expect(p.errors).toEqual([{ row: 4, field: '楼栋', value: '', message: '楼栋不能为空(也可在房号中写全,如 3-2-1502)' }])
  })

  it('takes the administrator\'s column mapping; a required column not found is named, not guessed', async () => {
    const token = await site()
    const csv = '楼栋,房号,姓名,类型,联系人手机,座机\n3,1502,张伟,业主,13812345678,010-66778899\n'
    const file = { fileName: 'a.csv', contentBase64: b64(csv) }
    const p = await callOk(core, 'import.preview', file, token)
    expect(p.missing).toEqual(['phone'])
    expect(p.headers).toEqual(['楼栋', '房号', '姓名', '类型', '联系人手机', '座机'])
    expect(await core.call('import.commit', { ...file, mode: 'all' }, token)).toMatchObject({ ok: false, error: { code: 'RULE', field: 'mapping', message: expect.stringContaining('电话') } })
    const mapped = await callOk(core, 'import.preview', { ...file, mapping: { phone: '座机' } }, token)
    expect(mapped).toMatchObject({ missing: [], validRows: 1 })
    expect(mapped.sample[0].phone).toBe('010-66778899')
    expect(await core.call('import.preview', { ...file, mapping: { phone: '手机' } }, token)).toMatchObject({ ok: false, error: { code: 'RULE', field: 'mapping', message: '电话对应的列"手机"不在文件中' } })
    // Unmapping a required field the header row matched is the administrator's choice: it is then missing.
    expect(await callOk(core, 'import.preview', { ...file, mapping: { phone: '座机', name: null } }, token)).toMatchObject({ missing: ['name'] })
    const r = await callOk(core, 'import.commit', { ...file, mapping: { phone: '联系人手机' }, mode: 'all' }, token)
    expect(r.importedResidents).toBe(1)
    expect((await core.db.read.get<{ phone: string }>('SELECT phone FROM residents'))!.phone).toBe('13812345678')
  })

  it('refuses the same ID number twice — in the file (same unit or another) or already registered', async () => {
    const token = await site()
    const b = await callOk(core, 'building.create', { code: '9' }, token)
    const u = await callOk(core, 'unit.create', { buildingId: b.id, entrance: '1', room: '101' }, token)
    await callOk(core, 'resident.create', { unitId: u.id, name: '周婉', kind: 'owner', phone: '13800000000', idNumber: ID2 }, token)
    const csv = [
      '楼栋,单元,房号,姓名,类型,电话,身份证号',
      `3,2,1502,张伟,业主,13812345678,${ID1}`,
      `3,2,1502,张伟伟,家属,13812345677,${ID1.toLowerCase()}`,
      `5,1,201,李强,业主,13812345676,${ID1}`,
      `5,1,202,王敏,业主,13812345675,${ID2}`,
      '5,1,203,刘洋,业主,13812345674,',
    ].join('\n')
    const file = { fileName: 'a.csv', contentBase64: b64(csv) }
    const p = await callOk(core, 'import.preview', file, token)
    expect(p.validRows).toBe(1)
    expect(p.errors.map((e) => `${e.row}|${e.field}|${e.message}`)).toEqual([
      '2|身份证号|与第3行、第4行的身份证号相同(一个身份证号只属于一个人)',
      '3|身份证号|与第2行、第4行的身份证号相同(一个身份证号只属于一个人)',
      '4|身份证号|与第2行、第3行的身份证号相同(一个身份证号只属于一个人)',
      '5|身份证号|该身份证号已登记在 9栋1单元101 的 周婉 名下(一个身份证号只属于一个人)',
    ])
    const r = await callOk(core, 'import.commit', { ...file, mode: 'validOnly' }, token)
    expect(r).toMatchObject({ importedResidents: 1, skippedRows: 4 })
    expect(await core.db.read.get('SELECT count(*) AS n FROM residents WHERE id_number = ?', [ID1])).toEqual({ n: 0 })

    // The form refuses it on save too, naming the field; a resident keeps their own number on update.
    const refused = await core.call('resident.create', { unitId: u.id, name: '张三', kind: 'family', phone: '13800000001', idNumber: ID2 }, token)
    expect(refused).toMatchObject({ ok: false, error: { code: 'CONFLICT', field: 'idNumber', message: '该身份证号已登记在 9栋1单元101 的 周婉 名下(一个身份证号只属于一个人)' } })
    const other = await callOk(core, 'resident.create', { unitId: u.id, name: '张三', kind: 'family', phone: '13800000001' }, token)
    expect(await core.call('resident.update', { id: other.id, unitId: u.id, name: '张三', kind: 'family', phone: '13800000001', idNumber: ID2 }, token)).toMatchObject({ ok: false, error: { field: 'idNumber' } })
    const zhou = (await core.db.read.get<{ id: string }>("SELECT id FROM residents WHERE name = '周婉'"))!
    await callOk(core, 'resident.update', { id: zhou.id, unitId: u.id, name: '周婉', kind: 'owner', phone: '13800000009', idNumber: ID2 }, token)
    // Two rows that already shared a number before this rule stay editable while it is left as it is.
    await core.db.tx((w) => w.run('UPDATE residents SET id_number = ? WHERE id = ?', [ID2, other.id]))
    await callOk(core, 'resident.update', { id: other.id, unitId: u.id, name: '张三', kind: 'family', phone: '13800000002', idNumber: ID2 }, token)
    await core.db.tx((w) => w.run('UPDATE residents SET id_number = NULL WHERE id = ?', [other.id]))
    // A removed resident's number is free again (moved out, then back in another unit).
    await callOk(core, 'resident.remove', { id: zhou.id, reason: '搬离' }, token)
    await callOk(core, 'resident.update', { id: other.id, unitId: u.id, name: '张三', kind: 'family', phone: '13800000001', idNumber: ID2 }, token)
  })

  it('reads .xlsx: Date cells, Excel date serials, numbers for rooms and phones, synonym headers', async () => {
    const token = await site()
    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet('住户')
    ws.addRow(['栋', '单元号', '室', '姓名', '住户类型', '联系电话', '身份证号码', '入住日期'])
    ws.addRow(['7号楼', 1, '0201', '赵敏', '业主', 13600001234, ID1, new Date('2022-08-08T00:00:00Z')])
    ws.addRow([7, '1单元', 201, '钱程', '租户', 13600004321, '', 43586])
    ws.addRow([])
    ws.addRow(['7#', 1, 202, '孙丽', '亲属', '13600005678', '', '2023年1月2日'])
    const buf = Buffer.from(await wb.xlsx.writeBuffer())
    const file = { fileName: '住户.xlsx', contentBase64: buf.toString('base64') }
    const p = await callOk(core, 'import.preview', file, token)
    expect(p.errors).toEqual([])
    expect(p.sample.map((s) => `${s.row} ${s.unit} ${s.moveInDate}`)).toEqual(['2 7栋1单元201 2022-08-08', '3 7栋1单元201 2019-05-01', '5 7栋1单元202 2023-01-02'])
    const r = await callOk(core, 'import.commit', { ...file, mode: 'all' }, token)
    expect(r).toMatchObject({ importedResidents: 3, createdUnits: 2, createdBuildings: 1 })
  })

  it('refuses what is not a table of residents, with the reason', async () => {
    const token = await site()
    expect(await callOk(core, 'import.preview', { fileName: 'a.csv', contentBase64: b64('a,b\n1,2\n') }, token)).toMatchObject({ missing: ['room', 'name', 'kind', 'phone'] })
    expect(await core.call('import.preview', { fileName: 'a.csv', contentBase64: b64('楼栋,房号\n') }, token)).toMatchObject({ ok: false, error: { code: 'RULE', message: expect.stringContaining('没有数据行') } })
    expect(await core.call('import.preview', { fileName: 'a.xlsx', contentBase64: b64('not a zip') }, token)).toMatchObject({ ok: false, error: { code: 'RULE' } })
    expect(await core.call('import.preview', { fileName: 'a.txt', contentBase64: b64('x') }, token)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'fileName' } })
    expect(await core.call('import.preview', { fileName: 'a.csv', contentBase64: b64('x'), mapping: { floor: '楼层' } }, token)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
  })
})

describe('one room key', () => {
  it('the unit form stores rooms normalised and refuses "0301" beside "301", "3栋" beside "3"', async () => {
    const token = await site()
    const b = await callOk(core, 'building.create', { code: '３栋' }, token)
    expect(b.code).toBe('3')
    expect(await core.call('building.create', { code: '3号楼' }, token)).toMatchObject({ ok: false, error: { code: 'CONFLICT', field: 'code', message: '楼栋 3 已存在' } })
    const u = await callOk(core, 'unit.create', { buildingId: b.id, entrance: '2单元', room: '0301' }, token)
    expect(u).toMatchObject({ entrance: '2', room: '301', label: '3栋2单元301' })
    for (const room of ['301', '0301', '301室', '３０１']) {
      expect(await core.call('unit.create', { buildingId: b.id, entrance: '02', room }, token)).toMatchObject({ ok: false, error: { code: 'CONFLICT', field: 'room', message: '房号 3栋2单元301 已存在' } })
    }
    expect(await core.call('unit.create', { buildingId: b.id, entrance: '2', room: '3楼01' }, token)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'room' } })
    // The database holds it as well: a second live row with the key is refused by the unique index.
    await expect(core.db.tx((w) => w.run("INSERT INTO units (id, created_at, updated_at, terminal_id, building_id, entrance, room, room_key) VALUES ('x', '', '', 'T', ?, '2', '0301', '3-2-301')", [b.id]))).rejects.toThrow(/UNIQUE/)
  })

  it('migration 0011 backfills keys of existing units, keeping a room typed twice apart, and the name index', async () => {
    // A database as it was before 0011, with rooms typed both ways.
    const dir = tempDir()
    const old = tempDir('desk-mig-')
    fs.cpSync(MIGRATIONS, old, { recursive: true })
    const journalFile = path.join(old, 'meta', '_journal.json')
    const journal = JSON.parse(fs.readFileSync(journalFile, 'utf8'))
    journal.entries = journal.entries.filter((e: { tag: string }) => e.tag < '0011')
    fs.writeFileSync(journalFile, JSON.stringify(journal))
    core = await openCore({ dataDir: dir, terminalId: 'T', migrationsDir: old })
    await core.db.tx(async (w) => {
      await w.run("INSERT INTO buildings (id, created_at, updated_at, terminal_id, code, name) VALUES ('b1', '', '', 'T', '03', '3栋')")
      const unit = (id: string, e: string, room: string) =>
        w.run("INSERT INTO units (id, created_at, updated_at, terminal_id, building_id, entrance, room, room_key) VALUES (?, '', '', 'T', 'b1', ?, ?, ?)", [id, e, room, `03-${e}-${room}`.toUpperCase()])
      await unit('u1', '2', '0301')
      await unit('u2', '02', '301')
      await unit('u3', '2', '1502')
      await unit('u4', '', 'b01')
      await w.run("INSERT INTO residents (id, created_at, updated_at, terminal_id, unit_id, name, kind, phone, initials, phone_tail) VALUES ('r1', '', '', 'T', 'u3', '欧阳晓丽', 'owner', '13800001111', 'oyxl', '1111')")
    })
    await core.close()
    core = await openCore({ dataDir: dir, terminalId: 'T', migrationsDir: MIGRATIONS })
    expect(await core.db.read.all('SELECT id, room_key AS k, room_rev AS rev FROM units ORDER BY id')).toEqual([
      { id: 'u1', k: '3-2-301', rev: '103' },
      { id: 'u2', k: '3-2-301~u2', rev: '103' },
      { id: 'u3', k: '3-2-1502', rev: '2051' },
      { id: 'u4', k: '3--B01', rev: '10B' },
    ])
    expect((await core.db.read.all<{ part: string }>('SELECT part FROM resident_name_parts ORDER BY part')).map((p) => p.part)).toEqual(['丽', '晓丽', '阳晓丽'])
  })
})
