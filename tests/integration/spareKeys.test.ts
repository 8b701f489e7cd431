import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { callOk, type Core } from '../../electron/core/app'
import { spareKeysHeld } from '../../electron/core/spareKeys/methods'
import { expectRefused, openDutyDesk, type DutyDesk } from '../helpers/duty'
import { pdfText, pdfToPng } from '../helpers/pdf'

/**
 * 业主寄存钥匙 through the dispatcher (roles, zod, the core), on a real SQLite file: deposits, releases
 * only to the owner or a listed, currently valid collector (by ID number), refusals kept on record,
 * returns, closing, the collectors' roles and files, the receipt, and the custody count.
 */
let d: DutyDesk
afterEach(async () => d?.core.close())

const TABLES = ['spare_key_deposits', 'spare_key_moves', 'spare_key_collectors', 'spare_key_collector_ends', 'spare_key_files', 'spare_key_serials', 'audit_events']
async function snapshot(core: Core) {
  const out: Record<string, unknown[]> = {}
  for (const t of TABLES) out[t] = await core.db.read.all(`SELECT * FROM ${t} ORDER BY 1`)
  return JSON.stringify(out)
}
const moves = async (core: Core, move: string) => core.db.read.all<Record<string, unknown>>('SELECT * FROM spare_key_moves WHERE move = ? ORDER BY at, id', [move])

const OWNER_ID = '110101198001010010'
const MOTHER_ID = '110101198505050024'
const STRANGER_ID = '310104199003030032'
const NEIGHBOUR_ID = '440305197512120041'
/** A 1×1 PNG: the scanned authorisation stands in. */
const PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=='
const letter = [{ label: '业主授权书', fileName: '授权书.png', dataUrl: PNG }]

async function site() {
  d = await openDutyDesk('2026-12-01 09:00')
  const admin = await d.token('admin')
  const clerk = await d.token('Q1')
  const sup = await d.token('S1')
  const b = await callOk(d.core, 'building.create', { code: '3' }, admin)
  const unit = await callOk(d.core, 'unit.create', { buildingId: b.id, entrance: '2', room: '1502' }, admin)
  const other = await callOk(d.core, 'unit.create', { buildingId: b.id, entrance: '2', room: '1501' }, admin)
  const owner = await callOk(d.core, 'resident.create', { unitId: unit.id, name: '刘龑', kind: 'owner', phone: '13812345678', idNumber: OWNER_ID }, admin)
  const tenant = await callOk(d.core, 'resident.create', { unitId: unit.id, name: '王芳', kind: 'tenant', phone: '13612345678' }, admin)
  const neighbour = await callOk(d.core, 'resident.create', { unitId: other.id, name: '赵强', kind: 'owner', phone: '13712345678', idNumber: NEIGHBOUR_ID }, admin)
  const dep = await callOk(d.core, 'spareKey.deposit', { unitId: unit.id, ownerResidentId: owner.id, description: '入户门钥匙', keyCount: 2, bagNo: 'b-001' }, clerk)
  return { admin, clerk, sup, unit, other, owner, tenant, neighbour, dep }
}

const mother = (unitId: string, ownerResidentId: string, over: Record<string, unknown> = {}) => ({
  unitId,
  ownerResidentId,
  name: '刘母',
  idNumber: MOTHER_ID,
  phone: '13912345678',
  relation: '母亲',
  validFrom: '2026-11-01',
  validTo: '2026-12-31',
  attachments: letter,
  ...over,
})

describe('deposits', () => {
  it('takes a deposit from the registered owner with a yearly receipt number; the bag is held', async () => {
    const { clerk, dep, unit, owner } = await site()
    expect(dep).toMatchObject({ receiptNo: 'JC-2026-0001', unitLabel: '3栋2单元1502', ownerName: '刘龑', keyCount: 2, bagNo: 'B-001', state: 'held', depositedBy: '李娜' })
    const second = await callOk(d.core, 'spareKey.deposit', { unitId: unit.id, ownerResidentId: owner.id, description: '信报箱钥匙', keyCount: 1, bagNo: 'B-002' }, clerk)
    expect(second.receiptNo).toBe('JC-2026-0002')
    expect(await spareKeysHeld(d.core.db.read)).toBe(3)
  })

  it.each([
    [{ description: ' ' }, 'INVALID_INPUT', 'description', '钥匙说明不能为空'],
    [{ keyCount: 0 }, 'INVALID_INPUT', 'keyCount', '钥匙数量不能小于1'],
    [{ keyCount: 2.5 }, 'INVALID_INPUT', 'keyCount', '钥匙数量应为整数'],
    [{ bagNo: '袋1' }, 'INVALID_INPUT', 'bagNo', '封袋编号只能是数字、字母或“-”'],
    [{ bagNo: 'B-001' }, 'CONFLICT', 'bagNo', '封袋编号 B-001 已用于 3栋2单元1502'],
  ])('refuses a deposit with %o (%s on %s), writing nothing', async (bad, code, field, words) => {
    const { clerk, unit, owner } = await site()
    const before = await snapshot(d.core)
    expectRefused(await d.core.call('spareKey.deposit', { unitId: unit.id, ownerResidentId: owner.id, description: '车库门遥控', keyCount: 1, bagNo: 'B-009', ...bad }, clerk), code, field, words)
    expect(await snapshot(d.core)).toBe(before)
  })

  it('refuses a deposit by a tenant or by another unit\'s owner, naming 业主', async () => {
    const { clerk, unit, tenant, neighbour } = await site()
    const before = await snapshot(d.core)
    expectRefused(await d.core.call('spareKey.deposit', { unitId: unit.id, ownerResidentId: tenant.id, description: '入户门', keyCount: 1, bagNo: 'B-3' }, clerk), 'RULE', 'ownerResidentId', '不是 3栋2单元1502 登记的业主')
    expectRefused(await d.core.call('spareKey.deposit', { unitId: unit.id, ownerResidentId: neighbour.id, description: '入户门', keyCount: 1, bagNo: 'B-3' }, clerk), 'RULE', 'ownerResidentId')
    expect(await snapshot(d.core)).toBe(before)
  })
})

describe('release, return, close', () => {
  it('releases to the owner by the ID number, shows out with who took it, takes it back (resealed), and counts custody', async () => {
    const { clerk, dep } = await site()
    const out = await callOk(d.core, 'spareKey.release', { depositId: dep.id, idNumber: OWNER_ID.toLowerCase(), entry: 'reader' }, clerk)
    expect(out).toMatchObject({ state: 'out', outTo: '刘龑' })
    expect(await spareKeysHeld(d.core.db.read)).toBe(0)
    const [rel] = await moves(d.core, 'release')
    expect(rel).toMatchObject({ person_role: 'owner', entry: 'reader', id_number: OWNER_ID, key_count: 2 })
    d.clock.add(90)
    const back = await callOk(d.core, 'spareKey.return', { depositId: dep.id, returnedBy: '刘龑', keyCount: 2, bagNo: 'B-010' }, clerk)
    expect(back).toMatchObject({ state: 'held', bagNo: 'B-010', outTo: null })
    expect((await moves(d.core, 'return'))[0].release_id).toBe(rel.id)
    expect(await spareKeysHeld(d.core.db.read)).toBe(2)
    const h = await callOk(d.core, 'spareKey.history', { depositId: dep.id }, clerk)
    expect(h.map((m) => m.move)).toEqual(['deposit', 'release', 'return'])
    expect(h[1].idNumber).toBe('110101********0010')
  })

  it('refuses someone not listed — and the refusal is on record (its own transaction), the deposit unchanged', async () => {
    const { clerk, dep } = await site()
    const r = await d.core.call('spareKey.release', { depositId: dep.id, idNumber: STRANGER_ID, askerName: '张三', entry: 'typed' }, clerk)
    expectRefused(r, 'RULE', 'idNumber', '身份证号 310104********0032 不是该房屋业主或登记的授权领取人')
    if (!r.ok) expect(r.error.message).toContain('已记录本次拒绝')
    const [ref] = await moves(d.core, 'refused')
    expect(ref).toMatchObject({ person_name: '张三', person_role: 'unlisted', id_number: STRANGER_ID, entry: 'typed' })
    expect(String(ref.reason)).toContain('不是该房屋业主或登记的授权领取人')
    expect(await moves(d.core, 'release')).toEqual([])
    expect((await callOk(d.core, 'spareKey.list', {}, clerk))[0].state).toBe('held')
    const h = await callOk(d.core, 'spareKey.history', { depositId: dep.id }, clerk)
    expect(h.map((m) => [m.move, m.personName])).toEqual([['deposit', '刘龑'], ['refused', '张三']])
    const audit = await d.core.db.read.all<{ action: string; summary: string }>("SELECT action, summary FROM audit_events WHERE action = 'spareKey.refused'")
    expect(audit).toHaveLength(1)
    expect(audit[0].summary).toContain('张三')
  })

  it('refuses another unit\'s owner (recorded, unnamed person named from nothing → 未留姓名)', async () => {
    const { clerk, dep } = await site()
    expectRefused(await d.core.call('spareKey.release', { depositId: dep.id, idNumber: NEIGHBOUR_ID }, clerk), 'RULE', 'idNumber', '不是该房屋业主')
    expect((await moves(d.core, 'refused'))[0].person_name).toBe('未留姓名')
  })

  it('refuses a double release, a return of a bag not out, a wrong count, and closing while out — nothing written', async () => {
    const { clerk, dep } = await site()
    let before = await snapshot(d.core)
    expectRefused(await d.core.call('spareKey.return', { depositId: dep.id, returnedBy: '刘龑', keyCount: 2 }, clerk), 'CONFLICT', 'depositId', '在库,未领出,不能归还')
    expect(await snapshot(d.core)).toBe(before)
    await callOk(d.core, 'spareKey.release', { depositId: dep.id, idNumber: OWNER_ID }, clerk)
    before = await snapshot(d.core)
    expectRefused(await d.core.call('spareKey.release', { depositId: dep.id, idNumber: OWNER_ID }, clerk), 'CONFLICT', 'depositId', '已由 刘龑 领出未还,不能重复领取')
    expectRefused(await d.core.call('spareKey.close', { depositId: dep.id, idNumber: OWNER_ID }, clerk), 'CONFLICT', 'depositId', '须先归还再结束寄存')
    expectRefused(await d.core.call('spareKey.return', { depositId: dep.id, returnedBy: '刘龑', keyCount: 1 }, clerk), 'RULE', 'keyCount', '归还钥匙数量 1 把与寄存数量 2 把不符')
    expect(await snapshot(d.core)).toBe(before)
  })

  it('a burst of parallel releases of one bag releases it once', async () => {
    const { clerk, dep } = await site()
    const rs = await Promise.all(Array.from({ length: 8 }, () => d.core.call('spareKey.release', { depositId: dep.id, idNumber: OWNER_ID }, clerk)))
    expect(rs.filter((r) => r.ok)).toHaveLength(1)
    expect(await moves(d.core, 'release')).toHaveLength(1)
  })

  it('closes when the owner takes the keys back for good; a closed deposit cannot be released, returned or closed again', async () => {
    const { clerk, dep } = await site()
    const closed = await callOk(d.core, 'spareKey.close', { depositId: dep.id, idNumber: OWNER_ID }, clerk)
    expect(closed.state).toBe('closed')
    expect(await spareKeysHeld(d.core.db.read)).toBe(0)
    expect(await callOk(d.core, 'spareKey.list', {}, clerk)).toEqual([])
    expect(await callOk(d.core, 'spareKey.list', { includeClosed: true }, clerk)).toHaveLength(1)
    const before = await snapshot(d.core)
    for (const [m, input] of [
      ['spareKey.release', { depositId: dep.id, idNumber: OWNER_ID }],
      ['spareKey.close', { depositId: dep.id, idNumber: OWNER_ID }],
      ['spareKey.return', { depositId: dep.id, returnedBy: '刘龑', keyCount: 2 }],
    ] as const) expectRefused(await d.core.call(m, input as never, clerk), 'CONFLICT', 'depositId', '已结束寄存')
    expect(await snapshot(d.core)).toBe(before)
    // The bag number is free again once the deposit has ended.
    expect(await d.core.call('spareKey.deposit', { unitId: dep.unitId, ownerResidentId: dep.ownerResidentId, description: '入户门', keyCount: 1, bagNo: 'B-001' }, clerk)).toMatchObject({ ok: true })
  })

  it('closing by someone not listed is refused and recorded too', async () => {
    const { clerk, dep } = await site()
    expectRefused(await d.core.call('spareKey.close', { depositId: dep.id, idNumber: STRANGER_ID, askerName: '张三' }, clerk), 'RULE', 'idNumber')
    expect(await moves(d.core, 'refused')).toHaveLength(1)
    expect(await moves(d.core, 'close')).toHaveLength(0)
  })

  it.each([
    [{ idNumber: '' }, 'idNumber', '领取人身份证号应为18位'],
    [{ idNumber: '110101198001010011' }, 'idNumber', '领取人身份证号校验位不正确'],
    [{ idNumber: `${OWNER_ID};` }, 'idNumber', '领取人身份证号应为18位'],
    [{ entry: 'wand' }, 'entry', '录入方式应为手输或读卡器'],
  ])('a malformed ID (%o) is refused as input, naming %s, and records nothing', async (bad, field, words) => {
    const { clerk, dep } = await site()
    const before = await snapshot(d.core)
    expectRefused(await d.core.call('spareKey.release', { depositId: dep.id, idNumber: OWNER_ID, ...bad }, clerk), 'INVALID_INPUT', field, words)
    expect(await snapshot(d.core)).toBe(before)
  })

  it('an unknown deposit is refused, naming it, with nothing recorded', async () => {
    const { clerk } = await site()
    const before = await snapshot(d.core)
    expectRefused(await d.core.call('spareKey.release', { depositId: '0190-missing', idNumber: OWNER_ID }, clerk), 'NOT_FOUND', 'depositId', '寄存记录不存在')
    expect(await snapshot(d.core)).toBe(before)
  })
})

describe('authorised collectors', () => {
  it('a clerk may not enter or end a collector; the director may not either', async () => {
    const { clerk, unit, owner, sup } = await site()
    const director = await d.token('D1')
    const before = await snapshot(d.core)
    expectRefused(await d.core.call('spareKeyCollector.add', mother(unit.id, owner.id), clerk), 'FORBIDDEN')
    expectRefused(await d.core.call('spareKeyCollector.add', mother(unit.id, owner.id), director), 'FORBIDDEN')
    expect(await snapshot(d.core)).toBe(before)
    const c = await callOk(d.core, 'spareKeyCollector.add', mother(unit.id, owner.id), sup)
    const mid = await snapshot(d.core)
    expectRefused(await d.core.call('spareKeyCollector.end', { id: c.id, reason: '业主撤回' }, clerk), 'FORBIDDEN')
    expect(await snapshot(d.core)).toBe(mid)
    // Engineering reviews permits; owners' keys and the collectors' IDs are not theirs to read.
    await callOk(d.core, 'staff.create', { staffNo: 'E1', name: '工程甲', roles: ['engineering'], pin: '1234' }, await d.token('admin'))
    const eng = await d.token('E1' as never)
    const mid2 = await snapshot(d.core)
    expectRefused(await d.core.call('spareKey.forUnit', { unitId: unit.id }, eng), 'FORBIDDEN')
    expectRefused(await d.core.call('spareKeyCollector.file', { id: c.files[0].id }, eng), 'FORBIDDEN')
    expectRefused(await d.core.call('spareKey.release', { depositId: 'x', idNumber: OWNER_ID }, eng), 'FORBIDDEN')
    expectRefused(await d.core.call('spareKey.forUnit', { unitId: unit.id }, null), 'UNAUTHENTICATED')
    expect(await snapshot(d.core)).toBe(mid2)
  })

  it('the administrator enters a collector with the written authorisation (audited); the listed collector may then collect', async () => {
    const { admin, clerk, unit, owner, dep } = await site()
    const c = await callOk(d.core, 'spareKeyCollector.add', mother(unit.id, owner.id), admin)
    expect(c).toMatchObject({ name: '刘母', idNumber: '110101********0024', phone: '139****5678', relation: '母亲', status: 'valid', ownerName: '刘龑', enteredBy: '赵敏' })
    expect(c.files).toEqual([expect.objectContaining({ label: '业主授权书', fileName: '授权书.png', mime: 'image/png', sizeBytes: 70 })])
    const a = await d.core.db.read.get<{ summary: string }>("SELECT summary FROM audit_events WHERE action = 'spareKeyCollector.add'")
    expect(a!.summary).toContain('刘母(母亲,身份证 110101********0024),业主 刘龑 书面授权,有效期 2026-11-01 至 2026-12-31')
    // The clerk opens the authorisation to look at it; the opening is audited.
    const f = await callOk(d.core, 'spareKeyCollector.file', { id: c.files[0].id }, clerk)
    expect(f.dataUrl).toBe(PNG)
    expect(await d.core.db.read.all("SELECT 1 FROM audit_events WHERE action = 'spareKeyCollector.file'")).toHaveLength(1)
    const out = await callOk(d.core, 'spareKey.release', { depositId: dep.id, idNumber: MOTHER_ID, entry: 'reader' }, clerk)
    expect(out).toMatchObject({ state: 'out', outTo: '刘母' })
    expect((await moves(d.core, 'release'))[0]).toMatchObject({ person_role: 'collector', collector_id: c.id })
    const u = await callOk(d.core, 'spareKey.forUnit', { unitId: unit.id }, clerk)
    expect(u.deposits.map((x) => x.state)).toEqual(['out'])
    expect(u.collectors.map((x) => [x.name, x.status])).toEqual([['刘母', 'valid']])
    expect(u.keysHeld).toBe(0)
  })

  it('an expired authorisation is refused (recorded), and so is one not yet valid, and one ended', async () => {
    const { admin, clerk, unit, owner, dep } = await site()
    const c = await callOk(d.core, 'spareKeyCollector.add', mother(unit.id, owner.id, { validFrom: '2026-01-01', validTo: '2026-11-30' }), admin)
    expect(c.status).toBe('expired')
    expectRefused(await d.core.call('spareKey.release', { depositId: dep.id, idNumber: MOTHER_ID }, clerk), 'RULE', 'idNumber', '刘母的授权已于 2026-11-30 到期')
    const [ref] = await moves(d.core, 'refused')
    expect(ref).toMatchObject({ person_name: '刘母', id_number: MOTHER_ID })
    // A new authorisation starting later: not yet valid today.
    await callOk(d.core, 'spareKeyCollector.add', mother(unit.id, owner.id, { validFrom: '2026-12-05', validTo: '2027-06-30' }), admin)
    expectRefused(await d.core.call('spareKey.release', { depositId: dep.id, idNumber: MOTHER_ID }, clerk), 'RULE', 'idNumber', '刘母的授权自 2026-12-05 起生效,今日不能领取')
    d.clock.set('2026-12-05 08:00')
    const clerk2 = await d.token('Q1')
    const sup = await d.token('S1')
    const live = (await callOk(d.core, 'spareKey.forUnit', { unitId: unit.id }, clerk2)).collectors.find((x) => x.status === 'valid')!
    await callOk(d.core, 'spareKeyCollector.end', { id: live.id, reason: '业主书面撤回授权' }, sup)
    expectRefused(await d.core.call('spareKeyCollector.end', { id: live.id, reason: '再次' }, sup), 'CONFLICT', 'id', '已终止')
    expectRefused(await d.core.call('spareKey.release', { depositId: dep.id, idNumber: MOTHER_ID }, clerk2), 'RULE', 'idNumber', '刘母的授权已于 2026-12-05 终止')
    expect(await moves(d.core, 'refused')).toHaveLength(3)
    expect(await moves(d.core, 'release')).toHaveLength(0)
    const statuses = (await callOk(d.core, 'spareKey.forUnit', { unitId: unit.id }, clerk2)).collectors.map((x) => x.status)
    expect(statuses.sort()).toEqual(['ended', 'expired'])
  })

  it('an authorisation signed by someone no longer an owner of the unit (sold, removed) holds no more', async () => {
    const { admin, clerk, unit, owner, dep } = await site()
    await callOk(d.core, 'spareKeyCollector.add', mother(unit.id, owner.id), admin)
    await callOk(d.core, 'resident.remove', { id: owner.id, reason: '房屋已出售' }, admin)
    expectRefused(await d.core.call('spareKey.release', { depositId: dep.id, idNumber: MOTHER_ID }, clerk), 'RULE', 'idNumber', '刘母的授权由 刘龑 出具,其已不是该房屋登记的业主,授权失效')
    expect((await callOk(d.core, 'spareKey.forUnit', { unitId: unit.id }, clerk)).collectors.map((c) => c.status)).toEqual(['ownerGone'])
    expect(await moves(d.core, 'release')).toHaveLength(0)
    expect(await moves(d.core, 'refused')).toHaveLength(1)
  })

  it('a collector of another unit cannot collect this unit\'s keys', async () => {
    const { admin, clerk, other, neighbour, dep } = await site()
    await callOk(d.core, 'spareKeyCollector.add', mother(other.id, neighbour.id), admin)
    expectRefused(await d.core.call('spareKey.release', { depositId: dep.id, idNumber: MOTHER_ID }, clerk), 'RULE', 'idNumber', '不是该房屋业主或登记的授权领取人')
  })

  it.each([
    [{ attachments: [] }, 'INVALID_INPUT', 'attachments', '请上传业主书面授权书'],
    [{ attachments: undefined }, 'INVALID_INPUT', 'attachments', '请上传业主书面授权书'],
    [{ attachments: [{ label: '授权书', fileName: 'a.exe', dataUrl: 'data:application/x-msdownload;base64,AAAA' }] }, 'INVALID_INPUT', 'attachments.0.dataUrl', '附件应为 PNG、JPEG 图片或 PDF 文件'],
    [{ validTo: '2026-10-01' }, 'INVALID_INPUT', 'validTo', '授权截止日期不能早于生效日期'],
    [{ validFrom: '2026-02-30' }, 'INVALID_INPUT', 'validFrom', '授权生效日期不是有效日期'],
    [{ idNumber: '110101198505050025' }, 'INVALID_INPUT', 'idNumber', '领取人身份证号校验位不正确'],
    [{ relation: '' }, 'INVALID_INPUT', 'relation', '与业主关系不能为空'],
    [{ phone: '12345' }, 'INVALID_INPUT', 'phone', '领取人电话格式不正确'],
    [{ idNumber: OWNER_ID }, 'RULE', 'idNumber', '领取人就是业主本人'],
  ])('refuses a collector with %o (%s on %s), writing nothing', async (bad, code, field, words) => {
    const { admin, unit, owner } = await site()
    const before = await snapshot(d.core)
    expectRefused(await d.core.call('spareKeyCollector.add', mother(unit.id, owner.id, bad), admin), code, field, words)
    expect(await snapshot(d.core)).toBe(before)
  })

  it('refuses a collector authorised by a tenant or by another unit\'s owner, and a second live entry of the same person', async () => {
    const { admin, unit, owner, tenant, neighbour } = await site()
    const before = await snapshot(d.core)
    expectRefused(await d.core.call('spareKeyCollector.add', mother(unit.id, tenant.id), admin), 'RULE', 'ownerResidentId', '授权业主须是 3栋2单元1502 登记的业主')
    expectRefused(await d.core.call('spareKeyCollector.add', mother(unit.id, neighbour.id), admin), 'RULE', 'ownerResidentId')
    expect(await snapshot(d.core)).toBe(before)
    await callOk(d.core, 'spareKeyCollector.add', mother(unit.id, owner.id), admin)
    const mid = await snapshot(d.core)
    expectRefused(await d.core.call('spareKeyCollector.add', mother(unit.id, owner.id), admin), 'CONFLICT', 'idNumber', '已是 3栋2单元1502 的授权领取人')
    expect(await snapshot(d.core)).toBe(mid)
  })

  it('the facts are append-only: the database refuses UPDATE and DELETE', async () => {
    const { admin, clerk, unit, owner, dep } = await site()
    await callOk(d.core, 'spareKeyCollector.add', mother(unit.id, owner.id), admin)
    await callOk(d.core, 'spareKey.release', { depositId: dep.id, idNumber: OWNER_ID }, clerk)
    for (const [t, set] of [
      ['spare_key_deposits', 'key_count = 9'],
      ['spare_key_moves', "person_name = 'x'"],
      ['spare_key_collectors', "valid_to = '2099-12-31'"],
      ['spare_key_files', "label = 'x'"],
    ]) {
      await expect(d.core.db.tx((w) => w.run(`UPDATE ${t} SET ${set}`))).rejects.toThrow(/append-only/)
      await expect(d.core.db.tx((w) => w.run(`DELETE FROM ${t}`))).rejects.toThrow(/append-only/)
    }
  })
})

describe('the receipt', () => {
  it('prints 业主钥匙寄存回执 (A5) with the bag, the collectors and the owner\'s signature line; a second print says 补打', async () => {
    const { admin, clerk, unit, owner, dep } = await site()
    await callOk(d.core, 'spareKeyCollector.add', mother(unit.id, owner.id), admin)
    const pdf = await callOk(d.core, 'spareKey.printReceipt', { id: dep.id }, clerk)
    expect(pdf.fileName).toBe('业主钥匙寄存回执-JC-2026-0001.pdf')
    const buf = Buffer.from(pdf.pdfBase64, 'base64')
    const [text] = (await pdfText(buf)).map((t) => t.replace(/\s+/g, ''))
    for (const w of ['业主钥匙寄存回执', '编号:JC-2026-0001', '3栋2单元1502', '刘龑', '入户门钥匙', '2把', 'B-001', '刘母', '母亲', '110101********0024', '业主签名', '经办人签名', '李娜']) expect(text).toContain(w)
    expect(text).not.toContain(MOTHER_ID)
    expect(text).not.toContain('补打')
    const dir = path.resolve('test-results/screenshots')
    fs.mkdirSync(dir, { recursive: true })
    fs.writeFileSync(path.join(dir, 'spareKeys-receipt.pdf'), buf)
    pdfToPng(path.join(dir, 'spareKeys-receipt.pdf'), path.join(dir, 'spareKeys-receipt'), 80)
    const again = await callOk(d.core, 'spareKey.printReceipt', { id: dep.id }, clerk)
    expect((await pdfText(Buffer.from(again.pdfBase64, 'base64')))[0]).toContain('补打(第1次)')
  })
})
