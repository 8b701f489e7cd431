import { afterEach, describe, expect, it } from 'vitest'
import { callOk } from '../../electron/core/app'
import { custodyFromRecords, supersededByRecords } from '../../electron/core/duty/custodyFromRecords'
import { dayWithEntries, dutySnapshot, expectRefused, openDutyDesk, PIN, type DutyDesk } from '../helpers/duty'
import { pdfText } from '../helpers/pdf'

let desk: DutyDesk
afterEach(async () => desk?.core.close())

const roof = { name: '天台门钥匙', opens: '天台', area: '3栋', hook: 'A-01', copies: 1, mayLeaveSite: false, defaultLoanHours: 2 }
const pump = { name: '水泵房钥匙', opens: '水泵房', area: '地下一层', hook: 'A-02', copies: 2, mayLeaveSite: false, defaultLoanHours: 4 }
const contractor = { borrowerKind: 'outsider' as const, name: '孙工', company: '蓝天电梯维保公司', phone: '13912345678', idNumber: '11010519491231002X', purpose: '检修天台电梯机房' }

/** The duty desk with two keys (3 copies), a 门禁卡 kind with 10 blank cards, and a unit with its owner. */
async function deskWithRecords() {
  desk = await openDutyDesk('2026-11-20 09:00')
  const admin = await desk.token('admin')
  await callOk(desk.core, 'key.create', roof, admin)
  await callOk(desk.core, 'key.create', pump, admin)
  const kind = await callOk(desk.core, 'card.kindSave', { name: '门禁卡', depositFen: 5000, feeFen: 1000, replaceFeeFen: 2000 }, admin)
  await callOk(desk.core, 'card.stockMove', { kindId: kind.id, move: 'received', count: 10 }, await desk.token('Q1'))
  const b = await callOk(desk.core, 'building.create', { code: '3' }, admin)
  const unit = await callOk(desk.core, 'unit.create', { buildingId: b.id, entrance: '2', room: '1201' }, admin)
  const owner = await callOk(desk.core, 'resident.create', { unitId: unit.id, name: '刘龑', kind: 'owner', phone: '13812345678' }, admin)
  return { admin, kind, unitId: unit.id, ownerId: owner.id }
}

const lineOf = <T extends { code: string }>(lines: T[], code: string) => lines.find((c) => c.code === code)

describe('custody lines computed from the records (issue F at handover)', () => {
  it('lending a key drops the hook count, a return brings it back, a loss leaves it; issuing a card drops the stock', async () => {
    const { kind, unitId, ownerId } = await deskWithRecords()
    const q1 = await desk.token('Q1')
    const now = async () => custodyFromRecords(desk.core.db.read)
    expect(await now()).toEqual([
      { code: 'rec:keys-hook', name: '公共钥匙(挂板在位)', unit: 'count', expected: 3, carry: false, fromRecords: true, detail: '登记 3 把,借出 0 把' },
      { code: 'rec:card:MK-01', name: '门禁卡空白卡库存', unit: 'count', expected: 10, carry: false, fromRecords: true, detail: null },
    ])
    const loan = await callOk(desk.core, 'keyLoan.lend', { ...contractor, tagNo: '001' }, q1)
    expect(lineOf(await now(), 'rec:keys-hook')).toMatchObject({ expected: 2, detail: '登记 3 把,借出 1 把' })
    await callOk(desk.core, 'keyLoan.lend', { ...contractor, tagNo: '002' }, q1)
    expect(lineOf(await now(), 'rec:keys-hook')).toMatchObject({ expected: 1 })
    await callOk(desk.core, 'keyLoan.return', { loanId: loan.id, returnedBy: '孙工' }, q1)
    expect(lineOf(await now(), 'rec:keys-hook')).toMatchObject({ expected: 2 })
    await callOk(desk.core, 'keyLoan.reportLost', { tagNo: '002', reason: '挂板上找不到', reportedBy: '李娜' }, q1)
    expect(lineOf(await now(), 'rec:keys-hook')).toMatchObject({ expected: 1, detail: '登记 2 把,借出 1 把' })

    await callOk(desk.core, 'card.issue', { unitId, holderResidentId: ownerId, kindId: kind.id, cardNo: '1001', entry: 'typed' }, q1)
    expect(lineOf(await now(), 'rec:card:MK-01')).toMatchObject({ expected: 9 })
    await callOk(desk.core, 'card.stockMove', { kindId: kind.id, move: 'spoiled', count: 2, note: '芯片损坏' }, q1)
    expect(lineOf(await now(), 'rec:card:MK-01')).toMatchObject({ expected: 7 })
  })

  it('owners\' spare keys: no line until the site keeps any; then the keys in the cabinet, a bag out shown beside it', async () => {
    const { unitId } = await deskWithRecords()
    const admin = await desk.token('admin')
    const q1 = await desk.token('Q1')
    const owner = await callOk(desk.core, 'resident.create', { unitId, name: '王业主', kind: 'owner', phone: '13812340000', idNumber: '110101198001010010' }, admin)
    const now = async () => custodyFromRecords(desk.core.db.read)
    expect(lineOf(await now(), 'rec:spare-keys')).toBeUndefined()
    const bag = await callOk(desk.core, 'spareKey.deposit', { unitId, ownerResidentId: owner.id, description: '入户门钥匙', keyCount: 2, bagNo: 'B-001' }, q1)
    await callOk(desk.core, 'spareKey.deposit', { unitId, ownerResidentId: owner.id, description: '信箱钥匙', keyCount: 1, bagNo: 'B-002' }, q1)
    expect(lineOf(await now(), 'rec:spare-keys')).toMatchObject({ name: '业主寄存钥匙(在柜)', expected: 3, detail: null })
    await callOk(desk.core, 'spareKey.release', { depositId: bag.id, idNumber: '110101198001010010' }, q1)
    expect(lineOf(await now(), 'rec:spare-keys')).toMatchObject({ expected: 1, detail: '另有 1 袋已领出未还' })
    expect((await now()).map((c) => c.code)).toEqual(['rec:keys-hook', 'rec:spare-keys', 'rec:card:MK-01'])
  })

  it('a hand-counted line gives way only to the computed line that counts the same shelf', () => {
    const parcels = { code: 'parcels', name: '代收快递', unit: 'count' as const, expected: 0, carry: true }
    const computed = (code: string) => [{ code, name: '', unit: 'count' as const, expected: 0, carry: false, fromRecords: true }]
    expect(supersededByRecords(parcels, computed('rec:parcels'))).toBe(true)
    expect(supersededByRecords(parcels, computed('rec:keys-hook'))).toBe(false)
    expect(supersededByRecords({ ...parcels, code: 'cards', name: '门禁卡库存' }, computed('rec:card:MK-01'))).toBe(true)
    expect(supersededByRecords({ ...parcels, code: 'radio', name: '对讲机' }, computed('rec:parcels'))).toBe(false)
  })

  it('a custody handover snapshots them at its start; a difference is red and needs an explanation, then is escalated', async () => {
    const { kind, unitId, ownerId } = await deskWithRecords()
    const { q1 } = await dayWithEntries(desk)
    await callOk(desk.core, 'keyLoan.lend', { ...contractor, tagNo: '002', dueAt: '2026-12-01 18:00' }, q1)
    await callOk(desk.core, 'card.issue', { unitId, holderResidentId: ownerId, kindId: kind.id, cardNo: '1001', entry: 'typed' }, q1)
    desk.clock.set('2026-12-01 15:15')
    let v = await callOk(desk.core, 'handover.start', {}, q1)
    // The hand-counted 钥匙 of the default list gives way to the keys on the board (kept in the settings).
    expect(v.counts.map((c) => c.code)).toEqual(['radio', 'cash', 'blanks', 'parcels', 'rec:keys-hook', 'rec:card:MK-01'])
    expect(lineOf(v.counts, 'rec:keys-hook')).toMatchObject({ expected: 2, fromRecords: true, detail: '登记 3 把,借出 1 把', carry: false })
    expect(lineOf(v.counts, 'rec:card:MK-01')).toMatchObject({ expected: 9, fromRecords: true })
    expect(lineOf(v.counts, 'radio')).toMatchObject({ fromRecords: false, detail: null })
    // The expected figures are those of the start: a loan during the handover does not move them.
    const late = await callOk(desk.core, 'keyLoan.lend', { ...contractor, tagNo: '001', dueAt: '2026-12-01 18:00' }, q1)
    // … the screen shows what the records say now beside it, so the clerks can tell why the board differs.
    expect(lineOf((await callOk(desk.core, 'handover.get', { id: v.id }, q1)).counts, 'rec:keys-hook')).toMatchObject({ expected: 2, recordsNow: 1 })
    await callOk(desk.core, 'keyLoan.return', { loanId: late.id, returnedBy: '孙工' }, q1)
    expect(lineOf((await callOk(desk.core, 'handover.get', { id: v.id }, q1)).counts, 'rec:keys-hook')).toMatchObject({ expected: 2, recordsNow: null })
    v = await callOk(desk.core, 'handover.incoming', { id: v.id, staffNo: 'Q2', pin: PIN }, q1)
    for (const p of v.pending) v = await callOk(desk.core, 'handover.ack', { id: v.id, entryId: p.entry.id }, q1)
    for (const c of v.checklist) v = await callOk(desk.core, 'handover.check', { id: v.id, itemCode: c.code, ok: true }, q1)
    for (const c of v.counts) {
      const n = c.code === 'rec:card:MK-01' ? 8 : c.expected
      v = await callOk(desk.core, 'handover.count', { id: v.id, itemCode: c.code, side: 'outgoing', count: n }, q1)
      v = await callOk(desk.core, 'handover.count', { id: v.id, itemCode: c.code, side: 'incoming', count: n }, q1)
    }
    expect(lineOf(v.counts, 'rec:card:MK-01')).toMatchObject({ difference: true, outgoing: 8, incoming: 8 })
    expect(v.problems).toEqual([{ field: 'counts.rec:card:MK-01.explanation', message: expect.stringContaining('「门禁卡空白卡库存」清点数不符(应有 9,交班清点 8,接班清点 8)') }])
    expectRefused(await desk.core.call('handover.sign', { id: v.id, outgoingPin: PIN, incomingPin: PIN }, q1), 'RULE', 'counts.rec:card:MK-01.explanation', '请填写差异说明')
    v = await callOk(desk.core, 'handover.explain', { id: v.id, itemCode: 'rec:card:MK-01', explanation: '一张空白卡写卡失败未登记报废' }, q1)
    const signed = await callOk(desk.core, 'handover.sign', { id: v.id, outgoingPin: PIN, incomingPin: PIN }, q1)
    expect(signed.escalatedEntryIds).toHaveLength(1)
    const e = await callOk(desk.core, 'log.get', { id: signed.escalatedEntryIds[0] }, signed.incomingSession!.token)
    expect(e.content).toContain('门禁卡空白卡库存')
    expect(e.action).toContain('写卡失败')
    expect(signed.handover.integrity).toEqual({ ok: true, reason: null })
  })

  it('a site that still lists the hand-counted 门禁卡库存 keeps it in its settings, but a handover leaves it out once card kinds count the stock', async () => {
    desk = await openDutyDesk('2026-11-20 09:00')
    const admin = await desk.token('admin')
    const site = await callOk(desk.core, 'site.get', {}, admin)
    const legacy = { code: 'cards', name: '门禁卡库存', unit: 'count' as const, expected: 50, carry: true }
    await callOk(desk.core, 'site.update', { name: site.name, office: site.office, timeZone: 'Asia/Shanghai', custodyItems: [...site.custodyItems, legacy] }, admin)
    const { q1 } = await dayWithEntries(desk)
    desk.clock.set('2026-12-01 15:15')
    let v = await callOk(desk.core, 'handover.start', {}, q1)
    expect(v.counts.map((c) => c.code)).toEqual(expect.arrayContaining(['cards', 'keys'])) // no card kinds, no keys yet: counted by hand
    const admin2 = await desk.token('admin')
    await callOk(desk.core, 'card.kindSave', { name: '电梯卡', depositFen: 0, feeFen: 1500, replaceFeeFen: 1500 }, admin2)
    v = await callOk(desk.core, 'handover.start', { kind: 'dayClose' }, q1) // a new snapshot
    expect(v.counts.map((c) => c.code)).not.toContain('cards')
    expect(v.counts.map((c) => c.code)).toContain('keys') // the key register is still empty
    expect(lineOf(v.counts, 'rec:card:MK-01')).toMatchObject({ name: '电梯卡空白卡库存', expected: 0 })
    expect((await callOk(desk.core, 'site.get', {}, admin2)).custodyItems.map((c) => c.code)).toContain('cards')
  })

  it('a site whose stored settings predate the custody list keeps the list it always had (门禁卡库存 included)', async () => {
    desk = await openDutyDesk('2026-11-20 09:00')
    await desk.core.db.tx(async (w) => {
      const row = await w.get<{ settings: string }>('SELECT settings FROM site')
      const old = JSON.parse(row!.settings) as Record<string, unknown>
      delete old.custodyItems
      await w.run('UPDATE site SET settings = ?', [JSON.stringify(old)])
    })
    const site = await callOk(desk.core, 'site.get', {}, await desk.token('admin'))
    expect(site.custodyItems.map((c) => c.name)).toEqual(['对讲机', '备用金', '钥匙', '门禁卡库存', '空白证件', '代收快递'])
  })
})

describe('overdue keys at handover: acknowledged one by one by the incoming clerk', () => {
  async function readyButKeys() {
    await deskWithRecords()
    const { q1 } = await dayWithEntries(desk) // 11:00
    const overdue = await callOk(desk.core, 'keyLoan.lend', { ...contractor, tagNo: '001' }, q1) // due 13:00
    const later = await callOk(desk.core, 'keyLoan.lend', { ...contractor, name: '钱师傅', tagNo: '002', dueAt: '2026-12-01 18:00' }, q1)
    desk.clock.set('2026-12-01 15:15')
    let v = await callOk(desk.core, 'handover.start', {}, q1)
    expect(v.overdueKeys.map((k) => [k.loanId, k.tagNo, k.borrowerName, k.ack])).toEqual([[overdue.id, '001', '孙工', null]])
    expectRefused(await desk.core.call('handover.ackKey', { id: v.id, loanId: overdue.id }, q1), 'RULE', 'incoming', '接班人')
    v = await callOk(desk.core, 'handover.incoming', { id: v.id, staffNo: 'Q2', pin: PIN }, q1)
    for (const p of v.pending) v = await callOk(desk.core, 'handover.ack', { id: v.id, entryId: p.entry.id }, q1)
    for (const c of v.checklist) v = await callOk(desk.core, 'handover.check', { id: v.id, itemCode: c.code, ok: true }, q1)
    for (const c of v.counts) {
      v = await callOk(desk.core, 'handover.count', { id: v.id, itemCode: c.code, side: 'outgoing', count: c.expected }, q1)
      v = await callOk(desk.core, 'handover.count', { id: v.id, itemCode: c.code, side: 'incoming', count: c.expected }, q1)
    }
    return { q1, v, overdue, later }
  }

  it('signing is refused, naming the key in Chinese, until the incoming clerk acknowledges it; the ack is kept, append-only, and sealed', async () => {
    const { q1, v: ready, overdue, later } = await readyButKeys()
    expect(ready.problems).toEqual([{ field: `overdueKeys.${overdue.id}`, message: '逾期未还钥匙「001号 天台门钥匙(孙工)」接班人尚未确认' }])
    const before = await dutySnapshot(desk.core)
    expectRefused(await desk.core.call('handover.sign', { id: ready.id, outgoingPin: PIN, incomingPin: PIN }, q1), 'RULE', `overdueKeys.${overdue.id}`, '逾期未还钥匙「001号 天台门钥匙(孙工)」接班人尚未确认')
    expectRefused(await desk.core.call('handover.ackKey', { id: ready.id, loanId: later.id }, q1), 'RULE', 'loanId', '不是逾期未还的钥匙')
    expectRefused(await desk.core.call('handover.ackKey', { id: ready.id, loanId: '' }, q1), 'INVALID_INPUT', 'loanId', '钥匙借用记录编号不能为空')
    expectRefused(await desk.core.call('handover.ackKey', { id: ready.id, loanId: overdue.id }, await desk.token('Q3')), 'FORBIDDEN', 'id')
    expect(await dutySnapshot(desk.core)).toBe(before)

    let v = await callOk(desk.core, 'handover.ackKey', { id: ready.id, loanId: overdue.id, note: '已电话孙工,17:00前归还' }, q1)
    expect(v.overdueKeys[0].ack).toMatchObject({ staffName: '王芳', note: '已电话孙工,17:00前归还', at: '2026-12-01T07:15:00.000Z' })
    expect(v.problems).toEqual([])
    v = await callOk(desk.core, 'handover.ackKey', { id: ready.id, loanId: overdue.id }, q1) // again: harmless
    const rows = await desk.core.db.read.all<{ id: string; staff_id: string; note: string }>('SELECT * FROM handover_key_acks')
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ staff_id: desk.ids.Q2, note: '已电话孙工,17:00前归还' })
    const audit = await desk.core.db.read.get<{ summary: string }>("SELECT summary FROM audit_events WHERE action = 'handover.ackKey'")
    expect(audit!.summary).toContain('001号 天台门钥匙(孙工)')
    await expect(desk.core.db.tx((w) => w.run("UPDATE handover_key_acks SET note = 'x'"))).rejects.toThrow(/append-only/)
    await expect(desk.core.db.tx((w) => w.run('DELETE FROM handover_key_acks'))).rejects.toThrow(/append-only/)

    desk.clock.set('2026-12-01 15:25')
    const signed = await callOk(desk.core, 'handover.sign', { id: v.id, outgoingPin: PIN, incomingPin: PIN }, q1)
    expect(signed.handover.overdueKeys).toMatchObject([{ loanId: overdue.id, closed: false, ack: { staffName: '王芳' } }])
    expect(signed.handover.integrity).toEqual({ ok: true, reason: null })
    expectRefused(await desk.core.call('handover.ackKey', { id: v.id, loanId: later.id }, signed.incomingSession!.token), 'CONFLICT', 'id', '已签字')
    await expect(
      desk.core.db.tx((w) =>
        w.run("INSERT INTO handover_key_acks (id, created_at, updated_at, terminal_id, handover_id, loan_id, staff_id, at) VALUES ('x', '', '', 't', ?, ?, ?, '')", [v.id, later.id, desk.ids.Q2]),
      ),
    ).rejects.toThrow(/signed/)

    // On paper: the computed lines marked, the overdue key with its acknowledgement.
    const pdf = await callOk(desk.core, 'print.handover', { id: v.id }, signed.incomingSession!.token)
    const text = (await pdfText(Buffer.from(pdf.pdfBase64, 'base64'))).join('\n')
    for (const w of ['公共钥匙(挂板在位)', '来自登记记录', '门禁卡空白卡库存', '逾期未还钥匙(1 把,接班人逐把确认)', '001号 天台门钥匙', '孙工(蓝天电梯维保公司)', '已确认 15:15', '2小时15分']) expect(text).toContain(w)

    // The seal covers the acknowledgement: changed behind the app's back, the record no longer verifies.
    await desk.core.db.tx(async (w) => {
      await w.exec('DROP TRIGGER handover_key_acks_no_update')
      await w.run("UPDATE handover_key_acks SET note = '改过'")
    })
    const after = await callOk(desk.core, 'handover.get', { id: v.id }, signed.incomingSession!.token)
    expect(after.integrity).toMatchObject({ ok: false, reason: expect.stringContaining('逾期钥匙确认') })
  })

  it('a key returned before signing leaves the list; one falling due during the handover joins it', async () => {
    const { q1, v: ready, overdue, later } = await readyButKeys()
    await callOk(desk.core, 'keyLoan.return', { loanId: overdue.id, returnedBy: '孙工' }, q1)
    let v = await callOk(desk.core, 'handover.get', { id: ready.id }, q1)
    expect(v.overdueKeys).toEqual([])
    expect(v.problems).toEqual([])
    desk.clock.set('2026-12-01 18:01')
    v = await callOk(desk.core, 'handover.get', { id: ready.id }, q1)
    expect(v.problems.map((p) => p.field)).toEqual([`overdueKeys.${later.id}`])
  })

  it('a closing lists them but the closer cannot acknowledge; the morning clerk does, at acceptance', async () => {
    await deskWithRecords()
    const { q1 } = await dayWithEntries(desk)
    const loan = await callOk(desk.core, 'keyLoan.lend', { ...contractor, tagNo: '001' }, q1)
    desk.clock.set('2026-12-01 19:50')
    const me = await desk.token('Q1')
    let v = await callOk(desk.core, 'handover.start', { kind: 'dayClose' }, me)
    expect(v.overdueKeys.map((k) => k.loanId)).toEqual([loan.id])
    expect(v.counts.filter((c) => c.fromRecords).map((c) => [c.code, c.expected])).toEqual([
      ['rec:keys-hook', 2],
      ['rec:card:MK-01', 10],
    ])
    expect(v.problems.some((p) => p.field.startsWith('overdueKeys'))).toBe(false) // the closer signs alone
    expectRefused(await desk.core.call('handover.ackKey', { id: v.id, loanId: loan.id }, me), 'RULE', 'loanId', '次日')
    for (const c of v.checklist) v = await callOk(desk.core, 'handover.check', { id: v.id, itemCode: c.code, ok: true }, me)
    for (const c of v.counts) v = await callOk(desk.core, 'handover.count', { id: v.id, itemCode: c.code, side: 'outgoing', count: c.expected }, me)
    await callOk(desk.core, 'handover.sign', { id: v.id, outgoingPin: PIN }, me)

    // 07:25 the next morning 王芳 (not rostered: a supervisor authorises) accepts the closing.
    desk.clock.set('2026-12-02 07:25')
    const q1m = await desk.token('Q2')
    v = await callOk(desk.core, 'handover.incoming', { id: v.id, staffNo: 'Q2', pin: PIN, override: { supervisorStaffNo: 'S1', supervisorPin: PIN, reason: '李娜调休' }, shiftCode: 'early' }, q1m)
    for (const p of v.pending) v = await callOk(desk.core, 'handover.ack', { id: v.id, entryId: p.entry.id }, q1m)
    // The morning counts the same computed lines against the closer's figures.
    expect(v.counts.filter((c) => c.fromRecords).map((c) => [c.code, c.outgoing])).toEqual([
      ['rec:keys-hook', 2],
      ['rec:card:MK-01', 10],
    ])
    for (const c of v.counts) v = await callOk(desk.core, 'handover.count', { id: v.id, itemCode: c.code, side: 'incoming', count: c.outgoing }, q1m)
    expect(v.problems).toEqual([{ field: `overdueKeys.${loan.id}`, message: '逾期未还钥匙「001号 天台门钥匙(孙工)」接班人尚未确认' }])
    expectRefused(await desk.core.call('handover.sign', { id: v.id, incomingPin: PIN }, q1m), 'RULE', `overdueKeys.${loan.id}`, '天台门钥匙')
    v = await callOk(desk.core, 'handover.ackKey', { id: v.id, loanId: loan.id }, q1m)
    const signed = await callOk(desk.core, 'handover.sign', { id: v.id, incomingPin: PIN }, q1m)
    expect(signed.handover).toMatchObject({ status: 'signed', integrity: { ok: true }, overdueKeys: [{ loanId: loan.id, ack: { staffName: '王芳' } }] })
  })

  it('a handover without custody passes no keys', async () => {
    await deskWithRecords()
    const { q1 } = await dayWithEntries(desk)
    await callOk(desk.core, 'keyLoan.lend', { ...contractor, tagNo: '001' }, q1)
    // 王芳 starts at 12:00 without custody (李娜 holds it) and hands over her own items only.
    desk.clock.set('2026-12-01 11:55')
    const q2 = await desk.token('Q2')
    await callOk(desk.core, 'duty.start', {}, q2)
    desk.clock.set('2026-12-01 15:00')
    let v = await callOk(desk.core, 'handover.start', {}, q2)
    expect(v).toMatchObject({ custody: false, overdueKeys: [], counts: [] })
    v = await callOk(desk.core, 'handover.incoming', { id: v.id, staffNo: 'Q1', pin: PIN }, q2)
    const loan = (await desk.core.db.read.get<{ id: string }>('SELECT id FROM key_loans'))!
    expectRefused(await desk.core.call('handover.ackKey', { id: v.id, loanId: loan.id }, q2), 'RULE', 'loanId', '交班人未保管前台物品')
  })
})
