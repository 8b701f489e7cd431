import { afterEach, describe, expect, it } from 'vitest'
import { callOk } from '../../electron/core/app'
import { pdfText } from '../helpers/pdf'
import {
  apply,
  approvedRenovation,
  approvedSlip,
  expectRefused,
  hotWorkFields,
  idNo,
  lead,
  openPermitDesk,
  permitSnapshot,
  worker,
  type PermitDesk,
} from '../helpers/permit'

let d: PermitDesk
afterEach(async () => d?.core.close())

describe('re-print (补打) voids the earlier paper', () => {
  it('the QR carries its print generation; an older paper verifies as 已补打,原件作废 with the re-print date and cannot be used', async () => {
    d = await openPermitDesk()
    const v = await approvedSlip(d)
    const q1 = await d.token('Q1')
    await callOk(d.core, 'permit.print', { id: v.id }, q1)
    const first = (await callOk(d.core, 'permit.get', { id: v.id }, q1)).verifyPayload!
    expect(first).toMatch(/^WYQT:FX-2026-0001:[0-9A-Z]{10}$/)
    d.clock.set('2026-03-02 10:40')
    const pdf = await callOk(d.core, 'permit.print', { id: v.id }, q1)
    expect((await pdfText(Buffer.from(pdf.pdfBase64, 'base64'))).join('\n')).toContain('补打')
    const second = (await callOk(d.core, 'permit.get', { id: v.id }, q1)).verifyPayload!
    expect(second).toMatch(/^WYQT:FX-2026-0001:[0-9A-Z]{10}:1$/)
    expect(second.split(':')[2]).not.toBe(first.split(':')[2])

    const g1 = await d.token('G1')
    const old = await callOk(d.core, 'permit.verify', { text: first }, g1)
    expect(old).toMatchObject({ outcome: 'superseded', label: '已补打,原件作废', codeChecked: true })
    expect(old.detail).toContain('已于 2026-03-02 10:40 补打')
    expect(old.detail).toContain('原件')
    expect(await callOk(d.core, 'permit.verify', { text: second }, g1)).toMatchObject({ outcome: 'valid', codeChecked: true })

    const before = await permitSnapshot(d.core)
    expectRefused(await d.core.call('permit.use', { text: first }, g1), 'RULE', 'text', '已补打,原件作废')
    // A generation edited into the old QR, or one never printed, is forged.
    expect(await callOk(d.core, 'permit.verify', { text: `${first}:1` }, g1)).toMatchObject({ outcome: 'forged', permit: null })
    expect(await callOk(d.core, 'permit.verify', { text: `${second.slice(0, -2)}:2` }, g1)).toMatchObject({ outcome: 'forged', permit: null })
    expect(await permitSnapshot(d.core)).toBe(before)
    d.clock.set('2026-03-02 11:00')
    expect(await callOk(d.core, 'permit.use', { text: second }, g1)).toMatchObject({ outcome: 'valid', usedAt: '2026-03-02 11:00' })
  })
})

describe('the renovation lead of an approved renovation', () => {
  it('may apply for hot work, lift use and additional works of that unit; not for another unit, nor once the renovation is voided', async () => {
    d = await openPermitDesk()
    const ren = await approvedRenovation(d)
    // The lead as named on the renovation, without a registry authorisation of his own.
    const asLead = { role: 'lead' as const, name: '张喆', phone: '13912345678', idNumber: lead(d).idNumber }
    const hot = await apply(d, { kind: 'hotWork', unitId: d.unitId, applicant: asLead, fields: hotWorkFields() })
    expect(hot.record.state).toBe('inReview')
    const liftUse = await apply(d, {
      kind: 'liftUse',
      unitId: d.unitId,
      applicant: asLead,
      fields: { liftName: '3栋2单元1号货梯', use: 'lift', goods: '瓷砖、水泥', date: '2026-03-03', timeFrom: '09:00', timeTo: '11:00', undertaking: true },
    })
    expect(liftUse.record.state).toBe('inReview')
    const more = await apply(d, {
      kind: 'additionalWorks',
      unitId: d.unitId,
      applicant: asLead,
      fields: { items: ['drilling'], location: '客厅', description: '客厅墙面打孔安装空调', startDate: '2026-03-03', endDate: '2026-03-05' },
    })
    expect(more.record.state).toBe('inReview')

    const before = await permitSnapshot(d.core)
    // Someone else, or the lead of another unit.
    expectRefused(
      await d.core.call('permit.apply', { kind: 'hotWork', unitId: d.unitId, applicant: { ...asLead, name: '冒名', idNumber: idNo('19700101', 77) }, fields: hotWorkFields() }, await d.token('Q1')),
      'RULE',
      'applicant.agentId',
      '装修负责人须经业主授权',
    )
    expectRefused(await d.core.call('permit.apply', { kind: 'hotWork', unitId: d.otherUnitId, applicant: asLead, fields: hotWorkFields() }, await d.token('Q1')), 'RULE', 'applicant.agentId')
    expect(await permitSnapshot(d.core)).toBe(before)
    await callOk(d.core, 'permit.void', { id: ren.id, reason: '业主取消装修' }, await d.token('Q1'))
    expectRefused(await d.core.call('permit.apply', { kind: 'hotWork', unitId: d.unitId, applicant: asLead, fields: hotWorkFields() }, await d.token('Q1')), 'RULE', 'applicant.agentId')
  })
})

describe('attachments (ID and certificate copies)', () => {
  it('open only for the roles that review the kind; every opening and every refusal is audited', async () => {
    d = await openPermitDesk()
    const png = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=='
    const hot = await apply(d, {
      kind: 'hotWork',
      unitId: d.unitId,
      applicant: lead(d),
      fields: hotWorkFields(),
      attachments: [{ label: '焊工证复印件', fileName: 'cert.png', dataUrl: png }],
    })
    const fileId = hot.attachments[0].id
    const audits = async () =>
      d.core.db.read.all<{ action: string; staff_id: string }>(`SELECT action, staff_id FROM audit_events WHERE action LIKE 'permit.file.%' ORDER BY seq`)
    // Hot work is reviewed by engineering, safety and the director.
    for (const who of ['E1', 'F1', 'D1'] as const) expect((await callOk(d.core, 'permit.file', { id: fileId }, await d.token(who))).dataUrl).toBe(png)
    for (const who of ['Q1', 'S1', 'A1'] as const) expectRefused(await d.core.call('permit.file', { id: fileId }, await d.token(who)), 'FORBIDDEN', 'id', '工程主管')
    const rows = await audits()
    expect(rows.map((r) => r.action)).toEqual(['permit.file.read', 'permit.file.read', 'permit.file.read', 'permit.file.denied', 'permit.file.denied', 'permit.file.denied'])
    expect(rows.map((r) => r.staff_id)).toEqual([d.ids.E1, d.ids.F1, d.ids.D1, d.ids.Q1, d.ids.S1, d.ids.A1])
    expect((await callOk(d.core, 'permit.get', { id: hot.id }, await d.token('Q1'))).attachments[0].readable).toBe(false)
    expect((await callOk(d.core, 'permit.get', { id: hot.id }, await d.token('F1'))).attachments[0].readable).toBe(true)
    expectRefused(await d.core.call('permit.file', { id: '01900000-0000-7000-8000-000000000000' }, await d.token('E1')), 'NOT_FOUND')
  })

  it('a worker pass photo is printed, so the desk sees it; ID copies of a pass only the supervisor and administrator', async () => {
    d = await openPermitDesk()
    const ren = await approvedRenovation(d)
    const png = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=='
    const pass = await apply(d, {
      kind: 'workerPass',
      unitId: d.unitId,
      applicant: lead(d),
      fields: { ...worker('王木匠', 61, { photo: png }), receiptNo: 'SJ-1', renovationSerial: ren.record.serial! },
      attachments: [{ label: '身份证复印件', fileName: 'id.png', dataUrl: png }],
    } as never)
    const photo = pass.attachments.find((a) => a.kind === 'photo')!
    const copy = pass.attachments.find((a) => a.kind === 'attachment')!
    expect((await callOk(d.core, 'permit.file', { id: photo.id }, await d.token('Q1'))).dataUrl).toBe(png)
    expectRefused(await d.core.call('permit.file', { id: copy.id }, await d.token('Q1')), 'FORBIDDEN')
    expect((await callOk(d.core, 'permit.file', { id: copy.id }, await d.token('S1'))).dataUrl).toBe(png)
    expectRefused(await d.core.call('permit.file', { id: copy.id }, await d.token('E1')), 'FORBIDDEN')
  })
})

