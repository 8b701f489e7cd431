import { afterEach, describe, expect, it } from 'vitest'
import { callOk } from '../../electron/core/app'
import { apply, approvedRenovation, expectRefused, hotWorkFields, idNo, LEAD_ID, openPermitDesk, permitSnapshot, type PermitDesk } from '../helpers/permit'

let d: PermitDesk
afterEach(async () => d?.core.close())

const leadViews = async () => (await d.core.db.read.all<{ summary: string }>("SELECT summary FROM audit_events WHERE action = 'permit.leadView' ORDER BY seq")).map((r) => r.summary)

describe('permit.renovationLeads: the lead of a running renovation, picked at the desk instead of retyped', () => {
  it('lists the lead of an approved, running renovation of the unit (whole numbers for the desk, the look audited); none elsewhere', async () => {
    d = await openPermitDesk()
    const q1 = await d.token('Q1')
    expect(await callOk(d.core, 'permit.renovationLeads', { unitId: d.unitId }, q1)).toEqual([])
    expect(await leadViews()).toEqual([])
    const ren = await approvedRenovation(d)
    const leads = await callOk(d.core, 'permit.renovationLeads', { unitId: d.unitId }, q1)
    expect(leads).toEqual([{ renovationId: ren.id, serial: ren.record.serial, validUntil: ren.record.validUntil, name: '张喆', phone: '13912345678', idNumber: LEAD_ID, whole: true }])
    const views = await leadViews()
    expect(views).toHaveLength(1)
    expect(views[0]).toContain('张喆')
    expect(views[0]).not.toContain(LEAD_ID)
    // Another unit: nothing, and no look to audit.
    expect(await callOk(d.core, 'permit.renovationLeads', { unitId: d.otherUnitId }, q1)).toEqual([])
    expect(await leadViews()).toHaveLength(1)
    // What he is offered for is accepted as is: hot work by the lead (not a registered agent's authorisation).
    // His registered authorisation revoked: he qualifies only as the renovation's lead.
    await callOk(d.core, 'agent.revoke', { id: d.leadAgentId, reason: '授权到期' }, await d.token('Q1'))
    const l = leads[0]
    const hot = await apply(d, { kind: 'hotWork', unitId: d.unitId, applicant: { role: 'lead', name: l.name, phone: l.phone, idNumber: l.idNumber! }, fields: hotWorkFields() })
    expect(hot.record.state).toBe('inReview')
  })

  it('refuses roles off the desk and bad input, changing nothing; an expired renovation offers no lead', async () => {
    d = await openPermitDesk()
    await approvedRenovation(d)
    const before = await permitSnapshot(d.core)
    expectRefused(await d.core.call('permit.renovationLeads', { unitId: d.unitId }, await d.token('E1')), 'FORBIDDEN')
    expectRefused(await d.core.call('permit.renovationLeads', { unitId: d.unitId }, 'no-such-token'), 'UNAUTHENTICATED')
    expectRefused(await d.core.call('permit.renovationLeads', { unitId: '' }, await d.token('Q1')), 'INVALID_INPUT', 'unitId')
    expectRefused(await d.core.call('permit.renovationLeads', {}, await d.token('Q1')), 'INVALID_INPUT', 'unitId')
    expect(await permitSnapshot(d.core)).toBe(before)
    const until = (await d.core.db.read.get<{ valid_until: string }>("SELECT valid_until FROM permits WHERE kind = 'renovation'"))!.valid_until
    const after = new Date(Date.parse(until + 'T00:00:00Z') + 2 * 86400_000).toISOString().slice(0, 10)
    d.clock.set(`${after} 09:00`)
    expect(await callOk(d.core, 'permit.renovationLeads', { unitId: d.unitId }, await d.token('Q1'))).toEqual([])
    // And the lead typed by hand is refused then, as the picker would have told.
    expectRefused(
      await d.core.call('permit.apply', { kind: 'hotWork', unitId: d.unitId, applicant: { role: 'lead', name: '张喆', phone: '13912345678', idNumber: idNo('19850615', 22) }, fields: hotWorkFields(after) }, await d.token('Q1')),
      'RULE',
      'applicant.agentId',
      '须经业主授权',
    )
  })
})
