import { afterEach, describe, expect, it } from 'vitest'
import { callOk } from '../../electron/core/app'
import { apply, approve, approvedRenovation, expectRefused, lead, openPermitDesk, permitSnapshot, worker, type PermitDesk } from '../helpers/permit'

let d: PermitDesk
afterEach(async () => d?.core.close())

const SITE = { name: '阳光花园', office: '阳光花园物业服务中心', timeZone: 'Asia/Shanghai' as const }

const ledgerOf = async (renovationId: string) =>
  (await callOk(d.core, 'deposit.list', { renovationId }, await d.token('Q1'))).rows.map((r) => `${r.label} ${r.amountFen}${r.note ? ` ${r.note}` : ''}`)

async function crew(renovationId: string, n = 2) {
  return callOk(
    d.core,
    'workerPass.issueBatch',
    { renovationId, applicant: lead(d), receiptNo: 'SJ-0301', workers: Array.from({ length: n }, (_, i) => worker(['王木匠', '李泥工', '赵电工'][i], 40 + i)) },
    await d.token('Q1'),
  )
}

describe('money of permits (押金 · 工本费 · 装修押金 · 延期费用)', () => {
  it('the renovation deposit is charged on approval and refunded after inspection (验收), less a deduction with its reason; once only', async () => {
    d = await openPermitDesk()
    const ren = await approvedRenovation(d)
    expect(ren.deposit).toMatchObject({ renovationDepositChargedFen: 200000, renovationDepositHeldFen: 200000 })
    expect(await ledgerOf(ren.id)).toEqual(['收装修押金 200000 装修申请批准,收装修押金'])
    const q1 = await d.token('Q1')
    const before = await permitSnapshot(d.core)
    expectRefused(await d.core.call('permit.inspect', { id: ren.id, inspector: '王堃', deductFen: 10000 }, q1), 'INVALID_INPUT', 'deductReason', '扣款原因')
    expectRefused(await d.core.call('permit.inspect', { id: ren.id, inspector: '王堃', deductFen: 300000, deductReason: '损坏公共走廊' }, q1), 'RULE', 'deductFen', '不能超过')
    expect(await permitSnapshot(d.core)).toBe(before)
    const v = await callOk(d.core, 'permit.inspect', { id: ren.id, inspector: '王堃', note: '水电隐蔽工程合格', deductFen: 10000, deductReason: '损坏电梯轿厢壁板' }, q1)
    expect(v.deposit).toMatchObject({ renovationDepositRefundedFen: 190000, renovationDepositForfeitedFen: 10000, renovationDepositHeldFen: 0 })
    expect(await ledgerOf(ren.id)).toEqual([
      '收装修押金 200000 装修申请批准,收装修押金',
      '退装修押金 190000 验收合格(验收人 王堃:水电隐蔽工程合格),退装修押金',
      '装修押金扣除 10000 损坏电梯轿厢壁板',
    ])
    expect(v.seal.ok).toBe(true)
    expectRefused(await d.core.call('permit.inspect', { id: ren.id, inspector: '王堃' }, q1), 'RULE', 'id', '没有未退的装修押金')
    const a = await d.core.db.read.get<{ summary: string }>("SELECT summary FROM audit_events WHERE action = 'permit.inspect'")
    expect(a!.summary).toBe('装修许可证 ZX-2026-0001 验收合格(王堃),退装修押金 1900.00 元,扣款 100.00 元:损坏电梯轿厢壁板')
  })

  it('voiding a pass refunds its deposit, or books it as kept with the reason given; voiding a renovation refunds its deposit', async () => {
    d = await openPermitDesk()
    const ren = await approvedRenovation(d)
    const [p1, p2] = await crew(ren.id)
    const q1 = await d.token('Q1')
    const v1 = await callOk(d.core, 'permit.void', { id: p1.id, reason: '工人离场' }, q1)
    expect(v1.deposit).toMatchObject({ depositChargedFen: 10000, depositRefundedFen: 10000, depositHeldFen: 0 })
    const v2 = await callOk(d.core, 'permit.void', { id: p2.id, reason: '出入证遗失', depositWithheld: '出入证遗失,押金抵工本' }, q1)
    expect(v2.deposit).toMatchObject({ depositChargedFen: 10000, depositRefundedFen: 0, depositForfeitedFen: 10000, depositHeldFen: 0 })
    expect(await ledgerOf(ren.id)).toEqual([
      '收装修押金 200000 装修申请批准,收装修押金',
      '收出入证押金 10000',
      '收工本费 500',
      '收出入证押金 10000',
      '收工本费 500',
      '退出入证押金 10000 出入证作废,退押金(工人离场)',
      '出入证押金不予退还 10000 出入证遗失,押金抵工本',
    ])
    const audit = await d.core.db.read.all<{ summary: string }>("SELECT summary FROM audit_events WHERE action = 'permit.void' ORDER BY seq")
    expect(audit.map((x) => x.summary)).toEqual([
      '作废装修人员出入证 CR-2026-0001:工人离场,退押金 100.00 元',
      '作废装修人员出入证 CR-2026-0002:出入证遗失,押金 100.00 元 不予退还:出入证遗失,押金抵工本',
    ])
    // A second crew, then the renovation voided: its deposit and the live passes' deposits come back.
    await crew(ren.id, 1).catch(() => undefined)
    const r = await callOk(d.core, 'permit.void', { id: ren.id, reason: '业主取消装修' }, q1)
    expect(r.deposit).toMatchObject({ renovationDepositHeldFen: 0, renovationDepositRefundedFen: 200000, depositHeldFen: 0 })
    for (const p of [p1, p2]) expect((await callOk(d.core, 'permit.get', { id: p.id }, q1)).seal.ok).toBe(true)
    expect((await callOk(d.core, 'permit.checkSeals', {}, await d.token('S1'))).ok).toBe(true)
  })

  it('the extension fee set in the site settings is charged when the extension is approved', async () => {
    d = await openPermitDesk()
    const admin = await d.token('admin')
    await callOk(d.core, 'site.update', { ...SITE, permit: { extensionFeeFen: 5000 } }, admin)
    const ren = await approvedRenovation(d)
    const ext = await apply(d, { kind: 'extension', unitId: d.unitId, applicant: lead(d), fields: { renovationSerial: ren.record.serial!, newEndDate: '2026-07-31', reason: '主材到货延迟' } })
    expect(ext.record.fields).toMatchObject({ feeFen: 5000 })
    expect((await ledgerOf(ren.id)).filter((l) => l.startsWith('收延期'))).toEqual([])
    const done = await approve(d, ext.id)
    expect(done.record.state).toBe('approved')
    expect(done.deposit.extensionFeeChargedFen).toBe(5000)
    expect(await ledgerOf(ren.id)).toContain('收延期费用 5000 装修延期批准,收延期费用')
    // A fee waived by the desk (0) is kept as typed and nothing is charged.
    await callOk(d.core, 'site.update', { ...SITE, permit: { extensionFeeFen: 0 } }, admin)
  })

  it('the settings the forms refer to are in 项目设置: deposits, fees, period, working hours, service phone; bad values are refused by name', async () => {
    d = await openPermitDesk()
    const admin = await d.token('admin')
    const s = await callOk(
      d.core,
      'site.update',
      { ...SITE, permit: { workerPassDepositFen: 20000, workerPassFeeFen: 1000, renovationDepositFen: 300000, renovationMonths: 4, workHours: '08:30—12:00，14:00~18:30', serviceCenterPhone: '0755-86001234' } },
      admin,
    )
    expect(s.permit).toMatchObject({ workerPassDepositFen: 20000, workerPassFeeFen: 1000, renovationDepositFen: 300000, renovationMonths: 4, workHours: '08:30-12:00,14:00-18:30', serviceCenterPhone: '0755-86001234' })
    const before = JSON.stringify(await callOk(d.core, 'site.get', {}, admin))
    expectRefused(await d.core.call('site.update', { ...SITE, permit: { workHours: '早上八点' } }, admin), 'INVALID_INPUT', 'permit.workHours', '施工时间格式')
    expectRefused(await d.core.call('site.update', { ...SITE, permit: { workHours: '18:00-08:00' } }, admin), 'INVALID_INPUT', 'permit.workHours', '结束应晚于开始')
    expectRefused(await d.core.call('site.update', { ...SITE, permit: { serviceCenterPhone: '电话abc' } }, admin), 'INVALID_INPUT', 'permit.serviceCenterPhone', '服务中心电话')
    expectRefused(await d.core.call('site.update', { ...SITE, permit: { renovationDepositFen: -1 } }, admin), 'INVALID_INPUT', 'permit.renovationDepositFen', '装修押金')
    expect(JSON.stringify(await callOk(d.core, 'site.get', {}, admin))).toBe(before)
    // The pass deposit and fee come from the settings.
    const ren = await approvedRenovation(d)
    const [p] = await crew(ren.id, 1)
    expect(p.record.fields).toMatchObject({ depositFen: 20000, feeFen: 1000 })
  })
})
