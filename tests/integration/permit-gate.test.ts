import { afterEach, describe, expect, it } from 'vitest'
import { callOk } from '../../electron/core/app'
import { apply, approve, expectRefused, openPermitDesk, owner, permitSnapshot, releaseFields, tenant, type PermitDesk } from '../helpers/permit'
import { ROLE_LABELS } from '../../shared/roles'

/** The duty supervisor's step, named as shared/roles.ts names the role. */
const SUPERVISOR_STEP = `${ROLE_LABELS.supervisor}审批`

let d: PermitDesk
afterEach(async () => d?.core.close())

/** A release slip asked by the tenant with the owner's consent, approved by the duty supervisor. */
async function slip(day = '2026-03-02') {
  const v = await apply(d, {
    kind: 'releaseSlip',
    unitId: d.unitId,
    applicant: tenant(d),
    ownerConsent: { ownerName: '刘龑', method: 'letter', note: '业主同意书' },
    fields: releaseFields(day),
  })
  expect(v.nextStep).toMatchObject({ role: 'supervisor', label: SUPERVISOR_STEP })
  return approve(d, v.id)
}

describe('release slip at the gate (物品放行条)', () => {
  it('is verified, used once, and a second use is refused', async () => {
    d = await openPermitDesk()
    const v = await slip()
    const q1 = await d.token('Q1')
    await callOk(d.core, 'permit.print', { id: v.id }, q1)
    const qr = v.verifyPayload!
    const g1 = await d.token('G1')
    const checked = await callOk(d.core, 'permit.verify', { text: qr }, g1)
    expect(checked).toMatchObject({
      outcome: 'valid',
      label: '有效',
      codeChecked: true,
      permit: { serial: 'FX-2026-0001', kindName: '物品放行条', holder: '欧阳明辉', unitLabel: '3栋2单元1201', validFrom: '2026-03-02', validUntil: '2026-03-02', state: 'issued' },
    })
    d.clock.set('2026-03-02 15:30')
    const used = await callOk(d.core, 'permit.use', { text: qr }, g1)
    expect(used).toMatchObject({ outcome: 'valid', codeChecked: true, usedAt: '2026-03-02 15:30', permit: { state: 'used' } })
    expect(used.detail).toContain('已于 2026-03-02 15:30 登记使用')

    const before = await permitSnapshot(d.core)
    expectRefused(await d.core.call('permit.use', { text: qr }, g1), 'RULE', 'text', '不能重复放行')
    expectRefused(await d.core.call('permit.use', { text: 'FX-2026-0001' }, g1), 'RULE', 'text', '不能重复放行')
    expectRefused(await d.core.call('permit.print', { id: v.id }, q1), 'RULE', 'id', '已使用')
    expect(await permitSnapshot(d.core)).toBe(before)
    expect(await callOk(d.core, 'permit.verify', { text: qr }, g1)).toMatchObject({ outcome: 'used', label: '已使用' })
    const view = await callOk(d.core, 'permit.get', { id: v.id }, q1)
    expect(view.record).toMatchObject({ state: 'used', usedAt: '2026-03-02 15:30' })
  })

  it('a forged QR (right serial, wrong code) verifies as forged and cannot be used; unknown and unreadable texts', async () => {
    d = await openPermitDesk()
    const v = await slip()
    await callOk(d.core, 'permit.print', { id: v.id }, await d.token('Q1'))
    const code = v.verifyPayload!.split(':')[2]
    const wrong = (code[0] === 'A' ? 'B' : 'A') + code.slice(1)
    const forged = `WYQT:FX-2026-0001:${wrong}`
    const g1 = await d.token('G1')
    const before = await permitSnapshot(d.core)
    const r = await callOk(d.core, 'permit.verify', { text: forged }, g1)
    // Only the word: the API answer carries nothing of the genuine slip (holder, unit, dates, goods).
    expect(r).toMatchObject({ outcome: 'forged', label: '伪造', codeChecked: true, permit: null })
    expect(r.detail).toContain('可能被伪造')
    for (const s of ['欧阳明辉', '1201', '2026-03-02', '冰箱', '放行条']) expect(JSON.stringify(r)).not.toContain(s)
    expectRefused(await d.core.call('permit.use', { text: forged }, g1), 'RULE', 'text', '伪造')
    expect(await permitSnapshot(d.core)).toBe(before)
    expect(await callOk(d.core, 'permit.verify', { text: 'FX-2026-0099' }, g1)).toMatchObject({ outcome: 'unknown', permit: null })
    expect(await callOk(d.core, 'permit.verify', { text: 'https://example.com/x' }, g1)).toMatchObject({ outcome: 'unknown', permit: null })
    expectRefused(await d.core.call('permit.use', { text: 'FX-2026-0099' }, g1), 'RULE', 'text', '查无此证')
    expectRefused(await d.core.call('permit.use', { text: 'hello' }, g1), 'RULE', 'text', '无法识别')
    expectRefused(await d.core.call('permit.verify', { text: '' }, g1), 'INVALID_INPUT', 'text')
    // A typed serial is accepted, but says the code was not checked.
    const typed = await callOk(d.core, 'permit.verify', { text: 'ｆｘ－２０２６－１' }, g1)
    expect(typed).toMatchObject({ outcome: 'valid', codeChecked: false })
    expect(typed.detail).toContain('未核对校验码')
    expect(await permitSnapshot(d.core)).toBe(before)
  })

  it('a slip is valid its day only: not printed before it is approved, not used the next day, not printed once expired', async () => {
    d = await openPermitDesk()
    const pending = await apply(d, { kind: 'releaseSlip', unitId: d.unitId, applicant: owner(d), fields: releaseFields('2026-03-03') })
    const q1 = await d.token('Q1')
    expectRefused(await d.core.call('permit.print', { id: pending.id }, q1), 'RULE', 'id', SUPERVISOR_STEP)
    await approve(d, pending.id)
    expectRefused(await d.core.call('permit.print', { id: pending.id }, q1), 'RULE', 'id', '只能在放行当日(2026-03-03)打印')
    d.clock.set('2026-03-03 08:30')
    await callOk(d.core, 'permit.print', { id: pending.id }, await d.token('Q1'))
    d.clock.set('2026-03-04 08:30')
    const g1 = await d.token('G1')
    const before = await permitSnapshot(d.core)
    expect((await callOk(d.core, 'permit.verify', { text: 'FX-2026-0001' }, g1)).outcome).toBe('expired')
    expectRefused(await d.core.call('permit.use', { text: 'FX-2026-0001' }, g1), 'RULE', 'text', '仅限 2026-03-03 当日有效')
    expectRefused(await d.core.call('permit.print', { id: pending.id }, await d.token('Q1')), 'RULE', 'id', '已过期')
    expect(await permitSnapshot(d.core)).toBe(before)
  })

  it('an agent needs the owner’s live authorisation for release slips', async () => {
    d = await openPermitDesk()
    const q1 = await d.token('Q1')
    const agentSlip = await callOk(
      d.core,
      'permit.apply',
      { kind: 'releaseSlip', unitId: d.unitId, applicant: { role: 'agent', agentId: d.releaseAgentId, name: '欧阳明辉', phone: '13512345678' }, fields: releaseFields() },
      q1,
    )
    expect(agentSlip.record.serial).toBe('FX-2026-0001')
    const before = await permitSnapshot(d.core)
    expectRefused(
      await d.core.call('permit.apply', { kind: 'releaseSlip', unitId: d.unitId, applicant: { role: 'agent', agentId: d.leadAgentId, name: '张喆', phone: '13912345678' }, fields: releaseFields() }, q1),
      'RULE',
      'applicant.agentId',
      '物品放行条',
    )
    await callOk(d.core, 'agent.revoke', { id: d.releaseAgentId, reason: '业主收回授权' }, q1)
    const afterRevoke = await permitSnapshot(d.core)
    expect(afterRevoke).not.toBe(before)
    expectRefused(
      await d.core.call('permit.apply', { kind: 'releaseSlip', unitId: d.unitId, applicant: { role: 'agent', agentId: d.releaseAgentId, name: '欧阳明辉', phone: '13512345678' }, fields: releaseFields() }, q1),
      'RULE',
      'applicant.agentId',
      '已撤销',
    )
    expect(await permitSnapshot(d.core)).toBe(afterRevoke)
  })
})
