import { afterEach, describe, expect, it } from 'vitest'
import { callOk } from '../../electron/core/app'
import { pdfText } from '../helpers/pdf'
import {
  apply,
  approve,
  approvedRenovation,
  expectRefused,
  lead,
  openPermitDesk,
  owner,
  permitSnapshot,
  renovationFields,
  tenant,
  worker,
  type PermitDesk,
} from '../helpers/permit'

let d: PermitDesk
afterEach(async () => d?.core.close())

const PHOTO = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=='
const textOf = async (pdfBase64: string) => (await pdfText(Buffer.from(pdfBase64, 'base64'))).join('\n')
const crew = () => [worker('王建国', 1, { photo: PHOTO }), worker('李龑', 2), worker('赵大勇', 3, { trade: '电工' })]

describe('worker passes (装修人员出入证)', () => {
  it('a crew of three as a batch: one pass each, deposit and fee in the ledger, 8-per-sheet print, return refunds the deposit', async () => {
    d = await openPermitDesk()
    const ren = await approvedRenovation(d)
    const q1 = await d.token('Q1')
    const passes = await callOk(d.core, 'workerPass.issueBatch', { renovationId: ren.id, applicant: lead(d), receiptNo: 'SJ-20260302-01', workers: crew() }, q1)
    expect(passes.map((p) => p.record.serial)).toEqual(['CR-2026-0001', 'CR-2026-0002', 'CR-2026-0003'])
    for (const p of passes) {
      expect(p.record).toMatchObject({ kind: 'workerPass', state: 'approved', validFrom: '2026-03-02', validUntil: '2026-06-01', parentSerial: 'ZX-2026-0001' })
      expect(p.record.kind === 'workerPass' && p.record.fields).toMatchObject({ depositFen: 10000, feeFen: 500, receiptNo: 'SJ-20260302-01' })
      expect(p.renovation).toMatchObject({ id: ren.id, serial: 'ZX-2026-0001' })
    }
    expect(passes[0].record.kind === 'workerPass' && passes[0].record.fields.workerIdNumber).toMatch(/^440305\*{8}\d{3}[\dX]$/)
    expect(passes[0].record.kind === 'workerPass' && passes[0].record.fields.photo).toBe(PHOTO)
    expect(passes[0].attachments).toEqual([expect.objectContaining({ kind: 'photo', fileName: '王建国.png' })])

    const ledger = await callOk(d.core, 'deposit.list', { renovationId: ren.id }, q1)
    expect(ledger.rows.map((r) => [r.passSerial, r.workerName, r.label, r.amountFen, r.receiptNo])).toEqual([
      ['ZX-2026-0001', '张喆', '收装修押金', 200000, null],
      ['CR-2026-0001', '王建国', '收出入证押金', 10000, 'SJ-20260302-01'],
      ['CR-2026-0001', '王建国', '收工本费', 500, 'SJ-20260302-01'],
      ['CR-2026-0002', '李龑', '收出入证押金', 10000, 'SJ-20260302-01'],
      ['CR-2026-0002', '李龑', '收工本费', 500, 'SJ-20260302-01'],
      ['CR-2026-0003', '赵大勇', '收出入证押金', 10000, 'SJ-20260302-01'],
      ['CR-2026-0003', '赵大勇', '收工本费', 500, 'SJ-20260302-01'],
    ])
    expect(ledger.totals).toMatchObject({ depositChargedFen: 30000, feeChargedFen: 1500, depositRefundedFen: 0, depositHeldFen: 30000, renovationDepositHeldFen: 200000 })
    const renView = await callOk(d.core, 'permit.get', { id: ren.id }, q1)
    expect(renView.children.map((c) => c.serial).sort()).toEqual(['CR-2026-0001', 'CR-2026-0002', 'CR-2026-0003'])
    expect(renView.deposit.depositHeldFen).toBe(30000)

    const sheet = await callOk(d.core, 'permit.printPasses', { ids: passes.map((p) => p.id) }, q1)
    expect(sheet.fileName).toBe('装修人员出入证-CR-2026-0001等3张.pdf')
    const pages = await pdfText(Buffer.from(sheet.pdfBase64, 'base64'))
    expect(pages).toHaveLength(1)
    for (const s of ['CR-2026-0001', 'CR-2026-0002', 'CR-2026-0003', '王建国', '李龑', '赵大勇', '2026-03-02 至 2026-06-01']) expect(pages[0]).toContain(s)
    expect(pages[0]).not.toContain('补打')
    const again = await callOk(d.core, 'permit.print', { id: passes[1].id }, q1)
    expect(await textOf(again.pdfBase64)).toContain('补打(第1次)')

    // The worker hands the pass back: the deposit is refunded, the pass reads 已交回 at the gate.
    d.clock.set('2026-03-20 17:00')
    const q1b = await d.token('Q1')
    const returned = await callOk(d.core, 'permit.return', { id: passes[0].id, note: '工人离场' }, q1b)
    expect(returned.effectiveState).toBe('returned')
    expect(returned.ledger.map((r) => [r.label, r.amountFen])).toEqual([
      ['收出入证押金', 10000],
      ['收工本费', 500],
      ['退出入证押金', 10000],
    ])
    expect(returned.deposit.depositHeldFen).toBe(0)
    expect((await callOk(d.core, 'permit.verify', { text: returned.verifyPayload! }, q1b)).outcome).toBe('returned')
    expectRefused(await d.core.call('permit.return', { id: passes[0].id }, q1b), 'RULE', 'id', '不能登记交回')
    expectRefused(await d.core.call('permit.print', { id: passes[0].id }, q1b), 'RULE', 'id', '已交回')
    expect((await callOk(d.core, 'deposit.list', { renovationId: ren.id }, q1b)).totals).toMatchObject({ depositRefundedFen: 10000, depositHeldFen: 20000 })
  })

  it('refuses, naming the field and changing nothing: a renovation not approved, an expired one, validity beyond the period, a second pass, a tenant', async () => {
    d = await openPermitDesk()
    const q1 = await d.token('Q1')
    const pending = await apply(d, { kind: 'renovation', unitId: d.unitId, applicant: owner(d), fields: renovationFields() })
    const before = await permitSnapshot(d.core)
    expectRefused(
      await d.core.call('workerPass.issueBatch', { renovationId: pending.id, applicant: lead(d), receiptNo: 'SJ1', workers: crew() }, q1),
      'RULE',
      'renovationId',
      '须经批准',
    )
    expect(await permitSnapshot(d.core)).toBe(before)

    await approve(d, pending.id)
    const ok = await permitSnapshot(d.core)
    expectRefused(
      await d.core.call('workerPass.issueBatch', { renovationId: pending.id, applicant: lead(d), receiptNo: 'SJ1', workers: [worker('王建国', 1), worker('李龑', 2, { validUntil: '2026-06-15' })] }, q1),
      'RULE',
      'workers.1.validUntil',
      '不能超过装修期限(至 2026-06-01)',
    )
    expectRefused(
      await d.core.call('workerPass.issueBatch', { renovationId: pending.id, applicant: lead(d), receiptNo: 'SJ1', workers: [worker('王建国', 1), worker('王建国', 1)] }, q1),
      'INVALID_INPUT',
      'workers.1.workerIdNumber',
      '每人一证',
    )
    expectRefused(await d.core.call('workerPass.issueBatch', { renovationId: pending.id, applicant: lead(d), workers: [worker('王建国', 1)] }, q1), 'INVALID_INPUT', 'workers.0.receiptNo', '财务收据号')
    expectRefused(await d.core.call('workerPass.issueBatch', { renovationId: pending.id, applicant: lead(d), receiptNo: 'SJ1', workers: [worker('王建国', 1, { photoCollected: false })] }, q1), 'RULE', 'workers.0.photo', '照片')
    expectRefused(
      await d.core.call('workerPass.issueBatch', { renovationId: pending.id, applicant: tenant(d), ownerConsent: { ownerName: '刘龑', method: 'present' }, receiptNo: 'SJ1', workers: [worker('王建国', 1)] }, q1),
      'RULE',
      'applicant.role',
      '业主或装修负责人',
    )
    // A single pass through permit.apply names the form field; a renovation of another unit is refused.
    expectRefused(
      await d.core.call('permit.apply', { kind: 'workerPass', unitId: d.otherUnitId, applicant: owner(d), fields: { ...worker('王建国', 1), receiptNo: 'SJ1', renovationSerial: 'ZX-2026-0001' } }, q1),
      'RULE',
      'fields.renovationSerial',
      '不是该房屋',
    )
    expectRefused(await d.core.call('workerPass.issueBatch', { renovationId: pending.id, applicant: lead(d), receiptNo: 'SJ1', workers: crew() }, await d.token('E1')), 'FORBIDDEN')
    expect(await permitSnapshot(d.core)).toBe(ok)

    const one = await callOk(d.core, 'permit.apply', { kind: 'workerPass', unitId: d.unitId, applicant: owner(d), fields: { ...worker('王建国', 1), receiptNo: 'SJ1', renovationSerial: 'zx 2026 1' } }, q1)
    expect(one.record).toMatchObject({ serial: 'CR-2026-0001', state: 'approved', parentSerial: 'ZX-2026-0001' })
    const afterOne = await permitSnapshot(d.core)
    expectRefused(
      await d.core.call('workerPass.issueBatch', { renovationId: pending.id, applicant: lead(d), receiptNo: 'SJ2', workers: [worker('李龑', 2), worker('王建国', 1)] }, q1),
      'RULE',
      'workers.1.workerIdNumber',
      '已有有效的出入证 CR-2026-0001',
    )
    expect(await permitSnapshot(d.core)).toBe(afterOne)

    // After the renovation period: no pass, and nothing written.
    d.clock.set('2026-06-02 09:00')
    const late = await d.token('Q1')
    expectRefused(
      await d.core.call('workerPass.issueBatch', { renovationId: pending.id, applicant: lead(d), receiptNo: 'SJ3', workers: [worker('李龑', 2)] }, late),
      'RULE',
      'renovationId',
      '装修期限已于 2026-06-01 届满',
    )
    expectRefused(await d.core.call('permit.print', { id: one.id }, late), 'RULE', 'id', '已过期')
    expect(await permitSnapshot(d.core)).toBe(afterOne)
  })
})

describe('renovation extension (装修延期)', () => {
  it('on final approval the period moves and every live pass is re-issued with a new serial; the old ones verify as voided, dates untouched', async () => {
    d = await openPermitDesk()
    const ren = await approvedRenovation(d)
    const q1 = await d.token('Q1')
    await callOk(d.core, 'permit.print', { id: ren.id }, q1)
    const renQr = (await callOk(d.core, 'permit.get', { id: ren.id }, q1)).verifyPayload!
    const passes = await callOk(d.core, 'workerPass.issueBatch', { renovationId: ren.id, applicant: lead(d), receiptNo: 'SJ1', workers: crew() }, q1)
    await callOk(d.core, 'permit.printPasses', { ids: passes.map((p) => p.id) }, q1)
    const oldQr = passes.map((p) => p.verifyPayload!)
    d.clock.set('2026-05-20 10:00')
    await callOk(d.core, 'permit.return', { id: passes[2].id }, await d.token('Q1'))

    const ext = await apply(d, { kind: 'extension', unitId: d.unitId, applicant: lead(d), fields: { renovationSerial: 'ZX-2026-0001', newEndDate: '2026-07-31', reason: '主材到货延迟' } })
    expect(ext.record).toMatchObject({ serial: 'YQ-2026-0001', state: 'inReview', validFrom: '2026-06-02', validUntil: '2026-07-31' })
    expect(ext.renovation?.serial).toBe('ZX-2026-0001')
    // Engineering alone changes nothing.
    await approve(d, ext.id, 1)
    expect((await callOk(d.core, 'permit.get', { id: ren.id }, await d.token('Q1'))).record.validUntil).toBe('2026-06-01')
    const done = await approve(d, ext.id)
    expect(done.effectiveState).toBe('approved')

    const q = await d.token('Q1')
    const renNow = await callOk(d.core, 'permit.get', { id: ren.id }, q)
    expect(renNow.record).toMatchObject({ validFrom: '2026-03-02', validUntil: '2026-07-31', extendedFrom: '2026-06-01', state: 'issued' })
    expect(renNow.verifyPayload).toBe(renQr)
    expect((await callOk(d.core, 'permit.verify', { text: renQr }, q)).outcome).toBe('valid')

    // The two live passes were voided and re-issued; the returned one is left alone.
    const old = await Promise.all(passes.map((p) => callOk(d.core, 'permit.get', { id: p.id }, q)))
    expect(old.map((v) => v.effectiveState)).toEqual(['voided', 'voided', 'returned'])
    expect(old[0].record.voidReason).toContain('装修延期至 2026-07-31')
    expect(old.map((v) => v.replacedBy?.serial ?? null)).toEqual(['CR-2026-0004', 'CR-2026-0005', null])
    const dbDates = await d.core.db.read.all<{ serial: string; valid_from: string; valid_until: string }>(
      "SELECT serial, valid_from, valid_until FROM permits WHERE kind = 'workerPass' ORDER BY serial",
    )
    expect(dbDates).toEqual([
      { serial: 'CR-2026-0001', valid_from: '2026-03-02', valid_until: '2026-06-01' },
      { serial: 'CR-2026-0002', valid_from: '2026-03-02', valid_until: '2026-06-01' },
      { serial: 'CR-2026-0003', valid_from: '2026-03-02', valid_until: '2026-06-01' },
      { serial: 'CR-2026-0004', valid_from: '2026-05-20', valid_until: '2026-07-31' },
      { serial: 'CR-2026-0005', valid_from: '2026-05-20', valid_until: '2026-07-31' },
    ])
    for (const qr of oldQr.slice(0, 2)) {
      const v = await callOk(d.core, 'permit.verify', { text: qr }, q)
      expect(v).toMatchObject({ outcome: 'voided', codeChecked: true })
      expect(v.detail).toContain('装修延期至 2026-07-31')
    }

    const fresh = old.slice(0, 2).map((v) => v.replacedBy!.id)
    const freshViews = await Promise.all(fresh.map((id) => callOk(d.core, 'permit.get', { id }, q)))
    expect(freshViews.map((v) => [v.record.serial, v.record.replacesSerial, v.effectiveState])).toEqual([
      ['CR-2026-0004', 'CR-2026-0001', 'approved'],
      ['CR-2026-0005', 'CR-2026-0002', 'approved'],
    ])
    expect(freshViews[0].record.kind === 'workerPass' && freshViews[0].record.fields.photo).toBe(PHOTO)
    const sheet = await callOk(d.core, 'permit.printPasses', { ids: fresh }, q)
    const t = await textOf(sheet.pdfBase64)
    expect(t).toContain('CR-2026-0004')
    expect(t).toContain('2026-05-20 至 2026-07-31')
    for (const v of freshViews) expect((await callOk(d.core, 'permit.verify', { text: v.verifyPayload! }, q)).outcome).toBe('valid')
    expectRefused(await d.core.call('permit.print', { id: passes[0].id }, q), 'RULE', 'id', '已作废')

    // The re-issued pass carries the deposit: nothing charged again, its return refunds the original deposit.
    const ledger = await callOk(d.core, 'deposit.list', { renovationId: ren.id }, q)
    expect(ledger.totals).toMatchObject({ depositChargedFen: 30000, feeChargedFen: 1500, depositRefundedFen: 10000, depositHeldFen: 20000 })
    const back = await callOk(d.core, 'permit.return', { id: fresh[0] }, q)
    expect(back.ledger.map((r) => [r.passSerial, r.label, r.amountFen])).toEqual([
      ['CR-2026-0001', '收出入证押金', 10000],
      ['CR-2026-0001', '收工本费', 500],
      ['CR-2026-0004', '退出入证押金', 10000],
    ])
    expect((await callOk(d.core, 'deposit.list', { passId: fresh[0] }, q)).totals.depositHeldFen).toBe(0)
  })

  it('an extension is refused for a date not after the period; nothing changes', async () => {
    d = await openPermitDesk()
    await approvedRenovation(d)
    const before = await permitSnapshot(d.core)
    expectRefused(
      await d.core.call('permit.apply', { kind: 'extension', unitId: d.unitId, applicant: lead(d), fields: { renovationSerial: 'ZX-2026-0001', newEndDate: '2026-05-31', reason: '延期' } }, await d.token('Q1')),
      'RULE',
      'fields.newEndDate',
      '延期日期应晚于现装修期限(2026-06-01)',
    )
    expect(await permitSnapshot(d.core)).toBe(before)
  })
})

describe('permit settings (项目设置)', () => {
  it('deposit and fee per pass come from the site settings, defaults 100 元 + 5 元', async () => {
    d = await openPermitDesk()
    const admin = await d.token('admin')
    const site = await callOk(d.core, 'site.get', {}, admin)
    expect(site.permit).toEqual({
      renovationMonths: 3,
      workerPassDepositFen: 10000,
      workerPassFeeFen: 500,
      hotWorkMaxHours: 8,
      renovationDepositFen: 200000,
      extensionFeeFen: 0,
      workHours: '08:00-12:00,14:00-18:00',
      serviceCenterPhone: '',
    })
    expectRefused(await d.core.call('site.update', { name: site.name, office: site.office, timeZone: 'Asia/Shanghai', permit: { workerPassFeeFen: -1 } }, admin), 'INVALID_INPUT', 'permit.workerPassFeeFen', '工本费')
    const updated = await callOk(d.core, 'site.update', { name: site.name, office: site.office, timeZone: 'Asia/Shanghai', permit: { workerPassDepositFen: 20000 } }, admin)
    expect(updated.permit).toMatchObject({ renovationMonths: 3, workerPassDepositFen: 20000, workerPassFeeFen: 500, hotWorkMaxHours: 8 })
    expect(updated.shifts.length).toBeGreaterThan(0)
    const ren = await approvedRenovation(d)
    const [p] = await callOk(d.core, 'workerPass.issueBatch', { renovationId: ren.id, applicant: lead(d), receiptNo: 'SJ1', workers: [worker('王建国', 1)] }, await d.token('Q1'))
    expect(p.ledger.map((r) => [r.label, r.amountFen])).toEqual([
      ['收出入证押金', 20000],
      ['收工本费', 500],
    ])
  })
})
