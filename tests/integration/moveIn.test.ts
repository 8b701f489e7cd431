import { mkdirSync, writeFileSync } from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import { callOk } from '../../electron/core/app'
import { expectRefused } from '../helpers/duty'
import { pdfPageCount, pdfText } from '../helpers/pdf'
import { openReceptionDesk, receptionSnapshot, type ReceptionDesk } from '../helpers/reception'

let d: ReceptionDesk
afterEach(async () => d?.core.close())

const checklist = { doorKeys: 3, electricityCards: 1, waterCards: 1, mailboxKeys: 2, documents: ['业主手册', '装修管理规定'] }
/** A tiny drawn signature (1×1 PNG). */
const PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=='

describe('入住手续 (move-in)', () => {
  it('a checklist: started with a linked log entry, a card issued through the card register, signed by the owner, printed; then frozen', async () => {
    d = await openReceptionDesk()
    d.clock.set('2026-12-01 09:30')
    const m = await callOk(d.core, 'moveIn.start', { unitId: d.unitId, ownerResidentId: d.ownerId, ...checklist, note: '水电表读数已抄' }, d.q1)
    expect(m).toMatchObject({ serial: 'RZ-2026-0001', unitLabel: '3栋2单元1201', ownerName: '刘龑', doorKeys: 3, signedAt: null, cards: [] })
    const pending = await callOk(d.core, 'log.pending', {}, d.q1)
    expect(pending.map((e) => [e.sourceKind, e.sourceId, e.kind])).toEqual([['moveIn', m.id, 'visit']])
    // A second open move-in for the same unit is refused.
    expectRefused(await d.core.call('moveIn.start', { unitId: d.unitId, ownerResidentId: d.ownerId, ...checklist }, d.q1), 'RULE', 'unitId', '未签字的入住手续')
    // The card goes through card.issue's own service: ledger, stock and audit as at the card desk.
    const { card, moveIn } = await callOk(d.core, 'moveIn.issueCard', { moveInId: m.id, unitId: d.unitId, holderResidentId: d.ownerId, kindId: d.kindId, cardNo: '00a1b2c3', entry: 'reader' }, d.q1)
    expect(card).toMatchObject({ cardNo: '00A1B2C3', status: 'active', depositHeldFen: 5000 })
    expect(moveIn.cards.map((c) => c.cardNo)).toEqual(['00A1B2C3'])
    expect((await callOk(d.core, 'card.stock', {}, d.q1))[0]).toMatchObject({ issued: 1, onHand: 9 })
    expect((await d.core.db.read.get<{ n: number }>("SELECT COUNT(*) AS n FROM audit_events WHERE action = 'card.issue'"))!.n).toBe(1)
    // The checklist can change until the owner signs.
    await callOk(d.core, 'moveIn.update', { id: m.id, ...checklist, doorKeys: 4, note: '水电表读数已抄' }, d.q1)
    d.clock.set('2026-12-01 09:45')
    const signed = await callOk(d.core, 'moveIn.sign', { id: m.id, ownerResidentId: d.ownerId, ownerSignature: PNG }, d.q1)
    expect(signed).toMatchObject({ signedByName: '刘龑', hasDrawnSignature: true, doorKeys: 4 })
    // The log entry is closed with the owner's signature; no longer pending.
    expect(await callOk(d.core, 'log.pending', {}, d.q1)).toEqual([])
    const entry = await callOk(d.core, 'log.get', { id: pending[0].id }, d.q1)
    expect(entry.followUps.map((f) => f.kind)).toEqual(['note', 'note', 'close'])
    expect(entry.followUps[2].note).toContain('业主 刘龑 签字确认交接')
    // Frozen: no change, no card, no second signature — and not behind the app either (trigger).
    const before = await receptionSnapshot(d)
    expectRefused(await d.core.call('moveIn.update', { id: m.id, ...checklist }, d.q1), 'RULE', 'id', '已由业主签字')
    expectRefused(await d.core.call('moveIn.issueCard', { moveInId: m.id, unitId: d.unitId, holderResidentId: d.ownerId, kindId: d.kindId, cardNo: '2002', entry: 'typed' }, d.q1), 'RULE', 'id', '已由业主签字')
    expectRefused(await d.core.call('moveIn.sign', { id: m.id, ownerResidentId: d.ownerId }, d.q1), 'RULE', 'id', '已由业主签字')
    await expect(d.core.db.tx((w) => w.run('UPDATE move_ins SET door_keys = 9 WHERE id = ?', [m.id]))).rejects.toThrow('signed and frozen')
    await expect(d.core.db.tx((w) => w.run('DELETE FROM move_in_signatures'))).rejects.toThrow('append-only')
    expect(await receptionSnapshot(d)).toBe(before)
    // The 入住交接单 (A4, one page): the counts, the card number, the documents, the owner's signature.
    const pdf = await callOk(d.core, 'moveIn.print', { id: m.id }, d.q1)
    expect(pdf.fileName).toBe('入住交接单-RZ-2026-0001.pdf')
    const buf = Buffer.from(pdf.pdfBase64, 'base64')
    expect(await pdfPageCount(buf)).toBe(1)
    const text = (await pdfText(buf))[0]
    for (const w of ['入住交接单', 'RZ-2026-0001', '3栋2单元1201', '刘龑', '入户门钥匙', '4 把', '信箱钥匙', '2 把', '00A1B2C3', '业主手册', '✓ 已交', '房屋质量保证书', '未交', '业主签字', '签字时间:2026-12-01 09:45', '水电表读数已抄']) expect(text).toContain(w)
    expect(text).not.toContain('未签字')
    mkdirSync('test-results', { recursive: true })
    writeFileSync('test-results/moveIn-handover.pdf', buf)
  })

  it('refuses, changing nothing: signed without the owner, by someone not an owner of the unit; a card number already used (the card service names the field); a document not on the list', async () => {
    d = await openReceptionDesk()
    const m = await callOk(d.core, 'moveIn.start', { unitId: d.unitId, ownerResidentId: d.ownerId, ...checklist }, d.q1)
    await callOk(d.core, 'card.issue', { unitId: d.otherUnitId, holderResidentId: d.otherOwnerId, kindId: d.kindId, cardNo: '7001', entry: 'typed' }, d.q1)
    const before = await receptionSnapshot(d)
    expectRefused(await d.core.call('moveIn.sign', { id: m.id }, d.q1), 'INVALID_INPUT', 'ownerResidentId', '请选择签字的新业主')
    expectRefused(await d.core.call('moveIn.sign', { id: m.id, ownerResidentId: '' }, d.q1), 'INVALID_INPUT', 'ownerResidentId', '请选择签字的新业主')
    expectRefused(await d.core.call('moveIn.sign', { id: m.id, ownerResidentId: d.tenantId }, d.q1), 'RULE', 'ownerResidentId', '业主')
    expectRefused(await d.core.call('moveIn.sign', { id: m.id, ownerResidentId: d.otherOwnerId }, d.q1), 'RULE', 'ownerResidentId', '业主')
    expectRefused(await d.core.call('moveIn.sign', { id: m.id, ownerResidentId: d.ownerId, ownerSignature: 'data:image/jpeg;base64,AAAA' }, d.q1), 'INVALID_INPUT', 'ownerSignature', '业主签名')
    const card = { moveInId: m.id, unitId: d.unitId, holderResidentId: d.ownerId, kindId: d.kindId, entry: 'reader' as const }
    expectRefused(await d.core.call('moveIn.issueCard', { ...card, cardNo: '7001' }, d.q1), 'CONFLICT', 'cardNo', '卡号 7001 曾被使用')
    expectRefused(await d.core.call('moveIn.issueCard', { ...card, cardNo: '70 01' }, d.q1), 'INVALID_INPUT', 'cardNo', '卡号')
    expectRefused(await d.core.call('moveIn.issueCard', { ...card, holderResidentId: d.tenantId, cardNo: '7002' }, d.q1), 'RULE', 'ownerConsent', '租户')
    expectRefused(await d.core.call('moveIn.issueCard', { ...card, unitId: d.otherUnitId, holderResidentId: d.otherOwnerId, cardNo: '7002' }, d.q1), 'RULE', 'unitId', '该房屋')
    expectRefused(await d.core.call('moveIn.update', { id: m.id, ...checklist, documents: ['购房合同'] }, d.q1), 'RULE', 'documents', '购房合同')
    expectRefused(await d.core.call('moveIn.update', { id: m.id, ...checklist, doorKeys: -1 }, d.q1), 'INVALID_INPUT', 'doorKeys', '入户门钥匙数量不能为负数')
    expectRefused(await d.core.call('moveIn.start', { unitId: d.otherUnitId, ownerResidentId: d.ownerId, ...checklist }, d.q1), 'RULE', 'ownerResidentId', '业主')
    expectRefused(await d.core.call('moveIn.start', { unitId: d.otherUnitId, ownerResidentId: d.otherOwnerId, ...checklist }, await d.token('D1')), 'FORBIDDEN')
    expect(await receptionSnapshot(d)).toBe(before)
    // A site that asks card holders to sign: the card service's own refusal, naming its field; with the drawing it issues.
    const admin = await d.token('admin')
    const site = await callOk(d.core, 'site.get', {}, admin)
    await callOk(d.core, 'site.update', { name: site.name, office: site.office, timeZone: 'Asia/Shanghai', cardSignature: true }, admin)
    const before2 = await receptionSnapshot(d)
    expectRefused(await d.core.call('moveIn.issueCard', { ...card, cardNo: '7003' }, d.q1), 'RULE', 'holderSignature', '手写签名')
    expect(await receptionSnapshot(d)).toBe(before2)
    const ok = await callOk(d.core, 'moveIn.issueCard', { ...card, cardNo: '7003', holderSignature: PNG }, d.q1)
    expect(ok.moveIn.cards.map((c) => c.cardNo)).toEqual(['7003'])
    // The unsigned sheet prints as a draft.
    const text = (await pdfText(Buffer.from((await callOk(d.core, 'moveIn.print', { id: m.id }, d.q1)).pdfBase64, 'base64')))[0]
    expect(text).toContain('未签字')
  })

  it('the documents list is a desk setting (admin/supervisor); a clerk cannot change it; nobody on duty → the move-in is refused naming the shift', async () => {
    d = await openReceptionDesk()
    expect(await callOk(d.core, 'moveIn.documents', {}, d.q1)).toContain('业主手册')
    const saved = await callOk(d.core, 'moveIn.saveDocuments', { documents: ['业主手册', '购房合同复印件'] }, await d.token('admin'))
    expect(saved).toEqual(['业主手册', '购房合同复印件'])
    expectRefused(await d.core.call('moveIn.saveDocuments', { documents: ['x'] }, d.q1), 'FORBIDDEN')
    expectRefused(await d.core.call('moveIn.saveDocuments', { documents: ['业主手册', '业主手册'] }, await d.token('S1')), 'INVALID_INPUT', 'documents', '重复')
    const s1 = await d.token('S1')
    const before = await receptionSnapshot(d)
    expectRefused(await d.core.call('moveIn.start', { unitId: d.unitId, ownerResidentId: d.ownerId, ...checklist, documents: ['购房合同复印件'] }, s1), 'RULE', 'shift')
    expect(await receptionSnapshot(d)).toBe(before)
  })
})
