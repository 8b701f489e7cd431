import { afterEach, describe, expect, it } from 'vitest'
import { callOk } from '../../electron/core/app'
import { pdfText } from '../helpers/pdf'
import {
  apply,
  approve,
  expectRefused,
  lead,
  openPermitDesk,
  owner,
  permitSnapshot,
  renovationFields,
  tenant,
  type PermitDesk,
} from '../helpers/permit'

let d: PermitDesk
afterEach(async () => d?.core.close())

const textOf = async (pdfBase64: string) => (await pdfText(Buffer.from(pdfBase64, 'base64'))).join('\n')

describe('renovation permit (装修许可证)', () => {
  it('goes from application through engineering and director review to a printed permit; a re-print says 补打', async () => {
    d = await openPermitDesk()
    const q1 = await d.token('Q1')
    const applied = await callOk(d.core, 'permit.apply', { kind: 'renovation', unitId: d.unitId, applicant: owner(d), fields: renovationFields() }, q1)
    expect(applied.record).toMatchObject({ serial: 'ZX-2026-0001', state: 'inReview', unitLabel: '3栋2单元1201', validFrom: '2026-03-02', validUntil: '2026-06-01' })
    expect(applied.record.applicant.idNumber).toBe('110105********002X')
    expect(applied.nextStep).toMatchObject({ role: 'engineering', label: '工程主管审核' })
    expect(applied.missingApprovals).toEqual(['工程主管审核', '服务中心经理/主任审批'])
    expect(applied.printable.ok).toBe(false)

    // 待我审核: the engineering supervisor sees it, the director not yet.
    const e1 = await d.token('E1')
    const d1 = await d.token('D1')
    expect((await callOk(d.core, 'permit.queue', {}, e1)).map((r) => r.serial)).toEqual(['ZX-2026-0001'])
    expect(await callOk(d.core, 'permit.queue', {}, d1)).toEqual([])
    d.clock.set('2026-03-02 10:00')
    await callOk(d.core, 'permit.review', { id: applied.id, decision: 'approve', opinion: '符合规定' }, e1)
    expect(await callOk(d.core, 'permit.queue', {}, e1)).toEqual([])
    expect((await callOk(d.core, 'permit.queue', {}, d1)).map((r) => r.nextStepLabel)).toEqual(['服务中心经理/主任审批'])
    d.clock.set('2026-03-02 10:30')
    const approved = await callOk(d.core, 'permit.review', { id: applied.id, decision: 'approve' }, d1)
    expect(approved.effectiveState).toBe('approved')
    expect(approved.reviews).toEqual([
      expect.objectContaining({ step: 0, role: 'engineering', staffName: '王堃', at: '2026-03-02 10:00', decision: 'approve', opinion: '符合规定' }),
      expect.objectContaining({ step: 1, role: 'director', staffName: '陈翀', at: '2026-03-02 10:30', decision: 'approve' }),
    ])
    expect(approved.printable).toEqual({ ok: true })
    expect(approved.verifyPayload).toMatch(/^WYQT:ZX-2026-0001:[0-9A-Z]{10}$/)

    d.clock.set('2026-03-02 11:00')
    const first = await callOk(d.core, 'permit.print', { id: applied.id }, q1)
    expect(first.fileName).toBe('装修许可证-ZX-2026-0001.pdf')
    const t1 = await textOf(first.pdfBase64)
    for (const s of ['编号:ZX-2026-0001', '3栋2单元1201', '2026-03-02 至 2026-06-01', '王堃', '陈翀', '扫码核验 ZX-2026-0001']) expect(t1).toContain(s)
    expect(t1).not.toContain('补打')
    const second = await callOk(d.core, 'permit.print', { id: applied.id }, await d.token('S1'))
    expect(second.fileName).toBe('装修许可证-ZX-2026-0001-补打1.pdf')
    expect(await textOf(second.pdfBase64)).toContain('补打(第1次)')

    const v = await callOk(d.core, 'permit.get', { id: applied.id }, q1)
    expect(v.effectiveState).toBe('issued')
    expect(v.record).toMatchObject({ printCount: 2, issuedAt: '2026-03-02 11:00' })
    expect(v.prints).toEqual([
      { at: '2026-03-02 11:00', staffName: '李娜', terminalId: 'T-TEST', reprint: 0 },
      { at: '2026-03-02 11:00', staffName: '赵赟', terminalId: 'T-TEST', reprint: 1 },
    ])
    const verified = await callOk(d.core, 'permit.verify', { text: v.verifyPayload! }, await d.token('G1'))
    expect(verified).toMatchObject({ outcome: 'valid', codeChecked: true, permit: { serial: 'ZX-2026-0001', holder: '张喆', unitLabel: '3栋2单元1201', state: 'issued' } })
    const audit = await d.core.db.read.all<{ action: string }>("SELECT action FROM audit_events WHERE entity = 'permit' ORDER BY seq")
    expect(audit.map((a) => a.action)).toEqual(['permit.apply', 'permit.approve', 'permit.approve', 'permit.print', 'permit.print'])

    const list = await callOk(d.core, 'permit.list', { kind: 'renovation', state: 'issued' }, q1)
    expect(list).toMatchObject({ total: 1, rows: [{ serial: 'ZX-2026-0001', holderName: '张喆', applicantName: '刘龑', stateLabel: '已发证' }] })
    expect((await callOk(d.core, 'permit.list', { q: '张喆' }, q1)).total).toBe(1)
    expect((await callOk(d.core, 'permit.list', { q: 'zx-2026' }, q1)).total).toBe(1)
    expect((await callOk(d.core, 'permit.list', { state: 'expired' }, q1)).total).toBe(0)
    d.clock.set('2026-06-02 08:00')
    expect((await callOk(d.core, 'permit.list', { state: 'expired' }, await d.token('Q1'))).rows.map((r) => r.serial)).toEqual(['ZX-2026-0001'])
    expectRefused(await d.core.call('permit.print', { id: applied.id }, await d.token('Q1')), 'RULE', 'id', '已过期')
  })

  it('who may apply: the owner, the authorised lead, a tenant only with the owner’s consent — refusals change nothing', async () => {
    d = await openPermitDesk()
    const q1 = await d.token('Q1')
    const base = { kind: 'renovation' as const, unitId: d.unitId, fields: renovationFields() }
    const before = await permitSnapshot(d.core)
    // A tenant without the owner's consent.
    expectRefused(await d.core.call('permit.apply', { ...base, applicant: tenant(d) }, q1), 'INVALID_INPUT', 'ownerConsent', '业主同意')
    // Consent by someone who is not the unit's owner.
    expectRefused(
      await d.core.call('permit.apply', { ...base, applicant: tenant(d), ownerConsent: { ownerName: '张三', method: 'letter', note: '同意书 2026-01' } }, q1),
      'RULE',
      'ownerConsent.ownerName',
      '刘龑',
    )
    // "Owner" who is the tenant in the registry; an owner of another unit.
    expectRefused(await d.core.call('permit.apply', { ...base, applicant: { ...owner(d), residentId: d.tenantId } }, q1), 'RULE', 'applicant.residentId', '不是该房屋登记的业主')
    expectRefused(await d.core.call('permit.apply', { ...base, unitId: d.otherUnitId, applicant: owner(d) }, q1), 'RULE', 'applicant.residentId', '不是该房屋的住户')
    // A lead with only a release-slip authorisation; a lead with none.
    expectRefused(await d.core.call('permit.apply', { ...base, applicant: { ...lead(d), agentId: d.releaseAgentId } }, q1), 'RULE', 'applicant.agentId', '业主授权')
    expectRefused(await d.core.call('permit.apply', { ...base, applicant: { ...lead(d), agentId: undefined } }, q1), 'RULE', 'applicant.agentId')
    // Start date in the past: the kind's rule, naming the form field.
    expectRefused(await d.core.call('permit.apply', { ...base, applicant: owner(d), fields: renovationFields('2026-03-01') }, q1), 'RULE', 'fields.startDate', '开工日期')
    // Only desk roles take applications.
    expectRefused(await d.core.call('permit.apply', { ...base, applicant: owner(d) }, await d.token('E1')), 'FORBIDDEN')
    expect(await permitSnapshot(d.core)).toBe(before)

    const byLead = await callOk(d.core, 'permit.apply', { ...base, applicant: lead(d) }, q1)
    expect(byLead.record.serial).toBe('ZX-2026-0001')
    const byTenant = await callOk(
      d.core,
      'permit.apply',
      { ...base, applicant: tenant(d), ownerConsent: { ownerName: '刘龑', ownerResidentId: d.ownerId, method: 'phone', note: '拨打13812345678,业主本人确认' } },
      q1,
    )
    expect(byTenant.record).toMatchObject({ serial: 'ZX-2026-0002', ownerConsent: { ownerName: '刘龑', method: 'phone' } })
  })

  it('reviews: only the step’s role decides, one person one step, a refusal needs its reason and ends the application', async () => {
    d = await openPermitDesk()
    const v = await apply(d, { kind: 'renovation', unitId: d.unitId, applicant: owner(d), fields: renovationFields() })
    const before = await permitSnapshot(d.core)
    // The director may not take the engineering step; a clerk may not review at all.
    expectRefused(await d.core.call('permit.review', { id: v.id, decision: 'approve' }, await d.token('D1')), 'FORBIDDEN', 'id', '工程主管审核')
    expectRefused(await d.core.call('permit.review', { id: v.id, decision: 'approve' }, await d.token('Q1')), 'FORBIDDEN')
    expectRefused(await d.core.call('permit.review', { id: v.id, decision: 'refuse' }, await d.token('E1')), 'INVALID_INPUT', 'opinion', '理由')
    expect(await permitSnapshot(d.core)).toBe(before)

    await callOk(d.core, 'permit.review', { id: v.id, decision: 'approve' }, await d.token('E1'))
    expectRefused(await d.core.call('permit.review', { id: v.id, decision: 'approve' }, await d.token('E2')), 'FORBIDDEN', 'id', '服务中心经理/主任审批')
    const refused = await callOk(d.core, 'permit.review', { id: v.id, decision: 'refuse', opinion: '图纸涉及拆改承重墙' }, await d.token('D1'))
    expect(refused.effectiveState).toBe('refused')
    expect(refused.reviews[1]).toMatchObject({ decision: 'refuse', opinion: '图纸涉及拆改承重墙', staffName: '陈翀' })
    expect(refused.printable).toEqual({ ok: false, reason: expect.stringContaining('未获批准') })
    const after = await permitSnapshot(d.core)
    expectRefused(await d.core.call('permit.review', { id: v.id, decision: 'approve' }, await d.token('D1')), 'RULE', 'id', '未批准')
    expectRefused(await d.core.call('permit.print', { id: v.id }, await d.token('Q1')), 'RULE', 'id', '未获批准')
    expectRefused(await d.core.call('permit.void', { id: v.id, reason: '重复' }, await d.token('Q1')), 'RULE', 'id', '不能作废')
    expect(await permitSnapshot(d.core)).toBe(after)
    expect(await callOk(d.core, 'permit.queue', {}, await d.token('D1'))).toEqual([])
  })

  it('attachments are filed with the application and read back one by one', async () => {
    d = await openPermitDesk()
    const png = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=='
    const v = await apply(d, {
      kind: 'renovation',
      unitId: d.unitId,
      applicant: owner(d),
      fields: renovationFields(),
      attachments: [{ label: '装修图纸', fileName: 'plan.png', dataUrl: png }],
    })
    // The clerk who filed it sees that it is there, but does not review renovations: she may not open it.
    expect(v.attachments).toEqual([{ id: expect.any(String), kind: 'attachment', label: '装修图纸', fileName: 'plan.png', mime: 'image/png', sizeBytes: 70, readable: false }])
    const e1 = await d.token('E1')
    expect((await callOk(d.core, 'permit.get', { id: v.id }, e1)).attachments[0].readable).toBe(true)
    const f = await callOk(d.core, 'permit.file', { id: v.attachments[0].id }, e1)
    expect(f.dataUrl).toBe(png)
    const before = await permitSnapshot(d.core)
    expectRefused(
      await d.core.call('permit.apply', { kind: 'renovation', unitId: d.unitId, applicant: owner(d), fields: renovationFields(), attachments: [{ label: '图纸', fileName: 'a.exe', dataUrl: 'data:application/x-msdownload;base64,AAAA' }] }, await d.token('Q1')),
      'INVALID_INPUT',
      'attachments.0.dataUrl',
      'PNG',
    )
    expect(await permitSnapshot(d.core)).toBe(before)
  })
})

describe('approval steps of the other kinds', () => {
  it('additional works and lift use go through their steps; lift use is then marked used once', async () => {
    d = await openPermitDesk()
    const aw = await apply(d, {
      kind: 'additionalWorks',
      unitId: d.unitId,
      applicant: lead(d),
      fields: { items: ['drilling', 'securityDoor'], location: '入户门', description: '更换防盗门', startDate: '2026-03-03', endDate: '2026-03-04' },
    })
    expect(aw.record.serial).toBe('ZJ-2026-0001')
    expect((await approve(d, aw.id)).effectiveState).toBe('approved')
    const lift = await apply(d, {
      kind: 'liftUse',
      unitId: d.unitId,
      applicant: owner(d),
      fields: { use: 'lift', goods: '沙发', date: '2026-03-02', timeFrom: '13:00', timeTo: '15:00', undertaking: true },
    })
    expect(lift.nextStep).toMatchObject({ role: 'engineering' })
    const afterEng = await approve(d, lift.id, 1)
    expect(afterEng.nextStep).toMatchObject({ role: 'admin', label: '客服管理员审批' })
    expectRefused(await d.core.call('permit.review', { id: lift.id, decision: 'approve' }, await d.token('S1')), 'FORBIDDEN', 'id', '客服管理员审批')
    await approve(d, lift.id)
    await callOk(d.core, 'permit.print', { id: lift.id }, await d.token('Q1'))
    const g = await d.token('G1')
    d.clock.set('2026-03-02 13:05')
    const used = await callOk(d.core, 'permit.use', { text: 'dt 2026 1' }, g)
    expect(used).toMatchObject({ outcome: 'valid', codeChecked: false, usedAt: '2026-03-02 13:05', permit: { serial: 'DT-2026-0001', state: 'used' } })
    expectRefused(await d.core.call('permit.use', { text: 'DT-2026-0001' }, g), 'RULE', 'text', '已使用')
  })
})
