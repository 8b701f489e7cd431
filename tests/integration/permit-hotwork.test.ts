import { afterEach, describe, expect, it } from 'vitest'
import { callOk } from '../../electron/core/app'
import { pdfText } from '../helpers/pdf'
import { apply, expectRefused, hotWorkFields, lead, openPermitDesk, owner, permitSnapshot, type PermitDesk } from '../helpers/permit'

let d: PermitDesk
afterEach(async () => d?.core.close())

const textOf = async (pdfBase64: string) => (await pdfText(Buffer.from(pdfBase64, 'base64'))).join('\n')

describe('hot-work permit (动火许可证)', () => {
  it('needs engineering AND safety review, then the director; it cannot be printed before all three', async () => {
    d = await openPermitDesk()
    const v = await apply(d, { kind: 'hotWork', unitId: d.unitId, applicant: lead(d), fields: hotWorkFields() })
    expect(v.record).toMatchObject({ serial: 'DH-2026-0001', state: 'inReview', validFrom: '2026-03-02 13:00', validUntil: '2026-03-02 17:00' })
    expect(v.missingApprovals).toEqual(['工程主管审核', '安全主管审核', '服务中心经理/主任审批'])
    const q1 = await d.token('Q1')

    await callOk(d.core, 'permit.review', { id: v.id, decision: 'approve', opinion: '同意' }, await d.token('E1'))
    // Not printable without the safety approval; the director may not skip it either.
    const before = await permitSnapshot(d.core)
    expectRefused(await d.core.call('permit.print', { id: v.id }, q1), 'RULE', 'id', '尚缺:安全主管审核、服务中心经理/主任审批')
    expectRefused(await d.core.call('permit.review', { id: v.id, decision: 'approve' }, await d.token('D1')), 'FORBIDDEN', 'id', '安全主管审核')
    expect(await permitSnapshot(d.core)).toBe(before)
    expect((await callOk(d.core, 'permit.queue', {}, await d.token('F1'))).map((r) => r.serial)).toEqual(['DH-2026-0001'])

    await callOk(d.core, 'permit.review', { id: v.id, decision: 'approve', opinion: '措施落实' }, await d.token('F1'))
    expectRefused(await d.core.call('permit.print', { id: v.id }, q1), 'RULE', 'id', '尚缺:服务中心经理/主任审批')
    const approved = await callOk(d.core, 'permit.review', { id: v.id, decision: 'approve' }, await d.token('D1'))
    expect(approved.printable).toEqual({ ok: true })
    expect(approved.reviews.map((r) => [r.role, r.staffName])).toEqual([
      ['engineering', '王堃'],
      ['safety', '李昇'],
      ['director', '陈翀'],
    ])
    const pdf = await callOk(d.core, 'permit.print', { id: v.id }, q1)
    expect(pdf.fileName).toBe('动火许可证-DH-2026-0001.pdf')
    const t = await textOf(pdf.pdfBase64)
    for (const s of ['DH-2026-0001', '王堃', '李昇', '陈翀', '北阳台']) expect(t).toContain(s)

    // Valid during its window only; a voided or expired document cannot be printed.
    d.clock.set('2026-03-02 14:00')
    const g1 = await d.token('G1')
    expect((await callOk(d.core, 'permit.verify', { text: approved.verifyPayload! }, g1)).outcome).toBe('valid')
    d.clock.set('2026-03-02 17:00')
    expect((await callOk(d.core, 'permit.verify', { text: approved.verifyPayload! }, g1)).outcome).toBe('expired')
    expectRefused(await d.core.call('permit.print', { id: v.id }, g1), 'RULE', 'id', '已过期')
  })

  it('serials are per kind per year and gapless across a voided one: DH-2026-0001, 0002 voided, 0003', async () => {
    d = await openPermitDesk()
    const a = await apply(d, { kind: 'hotWork', unitId: d.unitId, applicant: owner(d), fields: hotWorkFields() })
    const b = await apply(d, { kind: 'hotWork', unitId: d.unitId, applicant: owner(d), fields: hotWorkFields() })
    const q1 = await d.token('Q1')
    const before = await permitSnapshot(d.core)
    expectRefused(await d.core.call('permit.void', { id: b.id, reason: ' ' }, q1), 'INVALID_INPUT', 'reason', '作废原因')
    expectRefused(await d.core.call('permit.void', { id: b.id, reason: '重复申请' }, await d.token('E1')), 'FORBIDDEN')
    expect(await permitSnapshot(d.core)).toBe(before)
    const voided = await callOk(d.core, 'permit.void', { id: b.id, reason: '重复申请' }, q1)
    expect(voided.record).toMatchObject({ serial: 'DH-2026-0002', state: 'voided', voidReason: '重复申请', voidedAt: '2026-03-02 09:00' })
    expect(voided.printable).toEqual({ ok: false, reason: expect.stringContaining('已作废') })
    expectRefused(await d.core.call('permit.void', { id: b.id, reason: '再次' }, q1), 'RULE', 'id', '不能作废')
    // A failed application does not take a serial either.
    expectRefused(await d.core.call('permit.apply', { kind: 'hotWork', unitId: d.unitId, applicant: owner(d), fields: { ...hotWorkFields(), fireWatcherName: '王建国' } }, q1), 'RULE', 'fields.fireWatcherName', '监火人')
    const c = await apply(d, { kind: 'hotWork', unitId: d.unitId, applicant: owner(d), fields: hotWorkFields() })
    expect([a, b, c].map((x) => x.record.serial)).toEqual(['DH-2026-0001', 'DH-2026-0002', 'DH-2026-0003'])
    // Other kinds count on their own; the next year starts again at 0001.
    const slip = await apply(d, { kind: 'releaseSlip', unitId: d.unitId, applicant: owner(d), fields: { carrierName: '欧阳明辉', carrierIdNumber: '11010519491231002X', items: [{ name: '冰箱', quantity: 1 }], date: '2026-03-02' } })
    expect(slip.record.serial).toBe('FX-2026-0001')
    d.clock.set('2027-01-04 09:00')
    const next = await apply(d, { kind: 'hotWork', unitId: d.unitId, applicant: owner(d), fields: hotWorkFields('2027-01-04') })
    expect(next.record.serial).toBe('DH-2027-0001')
    const list = await callOk(d.core, 'permit.list', { kind: 'hotWork', page: 1, pageSize: 10 }, await d.token('Q1'))
    expect(list.rows.map((r) => [r.serial, r.stateLabel])).toEqual([
      ['DH-2027-0001', '审批中'],
      ['DH-2026-0003', '审批中'],
      ['DH-2026-0002', '已作废'],
      ['DH-2026-0001', '审批中'],
    ])
    expect((await callOk(d.core, 'permit.list', { kind: 'hotWork', state: 'voided' }, await d.token('Q1'))).rows.map((r) => r.serial)).toEqual(['DH-2026-0002'])
  })
})
