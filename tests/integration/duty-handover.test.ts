import { afterEach, describe, expect, it } from 'vitest'
import { callOk } from '../../electron/core/app'
import { dayWithEntries, dutySnapshot, expectRefused, openDutyDesk, PIN, type DutyDesk } from '../helpers/duty'

let desk: DutyDesk
afterEach(async () => desk?.core.close())

describe('handover (交接班) — the happy path', () => {
  it('start → incoming → ack/ask → checklist → counts → both sign; the next shift opens, entries lock, differences escalate', async () => {
    desk = await openDutyDesk('2026-11-20 09:00')
    const { repair, complaint, call } = await dayWithEntries(desk)
    desk.clock.set('2026-12-01 15:15')
    const q1 = await desk.token('Q1')
    expectRefused(await desk.core.call('handover.start', {}, await desk.token('Q2')), 'RULE', 'shift', '只有当班值班员')
    let v = await callOk(desk.core, 'handover.start', {}, q1)
    expect(v).toMatchObject({ status: 'draft', outgoing: { name: '李娜' }, incoming: null })
    expect(v.summary).toMatchObject({ total: 3, byKind: { repair: 1, complaint: 1, call: 1 }, byState: { pending: 1, escalated: 1, done: 1 } })
    expect(v.pending.map((p) => p.entry.id)).toEqual([repair.id, complaint.id])
    expect(v.checklist.length).toBeGreaterThan(0)
    expect(v.counts.find((c) => c.code === 'cash')).toMatchObject({ name: '备用金', unit: 'fen', expected: 50000, outgoing: null, incoming: null })
    expect(v.problems[0]).toEqual({ field: 'incoming', message: '接班人尚未输入工号和PIN确认身份' })
    expect((await callOk(desk.core, 'handover.start', {}, q1)).id).toBe(v.id) // resumes, never a second one
    expectRefused(await desk.core.call('handover.ack', { id: v.id, entryId: repair.id }, q1), 'RULE', 'incoming', '接班人')

    v = await callOk(desk.core, 'handover.incoming', { id: v.id, staffNo: 'Q2', pin: PIN }, q1)
    expect(v.incoming).toMatchObject({ name: '王芳', shiftName: '晚班', date: '2026-12-01', rostered: true, overrideByName: null })
    v = await callOk(desk.core, 'handover.ask', { id: v.id, entryId: repair.id, question: '工程部几点来?', answer: '16:00前' }, q1)
    v = await callOk(desk.core, 'handover.ack', { id: v.id, entryId: repair.id }, q1)
    v = await callOk(desk.core, 'handover.ack', { id: v.id, entryId: complaint.id, note: '主管已知悉' }, q1)
    expectRefused(await desk.core.call('handover.ack', { id: v.id, entryId: call.id }, q1), 'RULE', 'entryId', '不是未关闭的待跟进事项')
    expect(v.pending[0]).toMatchObject({ ack: { staffName: '王芳' }, questions: [{ question: '工程部几点来?', answer: '16:00前', askedByName: '王芳' }] })
    expectRefused(await desk.core.call('handover.check', { id: v.id, itemCode: 'desk', ok: false }, q1), 'RULE', 'note', '请写明情况')
    for (const c of v.checklist) v = await callOk(desk.core, 'handover.check', { id: v.id, itemCode: c.code, ok: c.code !== 'floor', note: c.code === 'floor' ? '门口有积水' : undefined }, q1)
    expect(v.checklist.find((c) => c.code === 'floor')).toMatchObject({ ok: false, note: '门口有积水' })
    for (const c of v.counts) {
      const out = c.code === 'cash' ? 48000 : c.expected
      v = await callOk(desk.core, 'handover.count', { id: v.id, itemCode: c.code, side: 'outgoing', count: out }, q1)
      v = await callOk(desk.core, 'handover.count', { id: v.id, itemCode: c.code, side: 'incoming', count: out }, q1)
    }
    expect(v.counts.find((c) => c.code === 'cash')).toMatchObject({ difference: true, outgoing: 48000, incoming: 48000 })
    expect(v.problems).toEqual([{ field: 'counts.cash.explanation', message: expect.stringContaining('应有 500.00 元,交班清点 480.00 元,接班清点 480.00 元') }])
    v = await callOk(desk.core, 'handover.explain', { id: v.id, itemCode: 'cash', explanation: '垫付维修配件款20元,有收据' }, q1)
    expect(v.problems).toEqual([])

    desk.clock.set('2026-12-01 15:28')
    const signed = await callOk(desk.core, 'handover.sign', { id: v.id, outgoingPin: PIN, incomingPin: PIN }, q1)
    expect(signed.handover).toMatchObject({ status: 'signed', seq: 1, signedAt: '2026-12-01T07:28:00.000Z', integrity: { ok: true, reason: null } })
    expect(signed.newShift).toMatchObject({ staffName: '王芳', shiftName: '晚班', status: 'open', openedByHandoverId: v.id, endsAt: '2026-12-01T12:00:00.000Z' })
    expect(signed.escalatedEntryIds).toHaveLength(1)

    // The old shift is closed and its entries locked; 王芳 is on duty with her own session.
    const q2 = signed.incomingSession!.token
    expect(signed.incomingSession!.staff.name).toBe('王芳')
    const cur = await callOk(desk.core, 'duty.current', {}, q2)
    expect(cur).toMatchObject({ shift: { id: signed.newShift!.id, staffName: '王芳' }, handover: null, overdue: false })
    const old = await callOk(desk.core, 'log.list', { shiftId: signed.handover.outgoingShift.id }, q2)
    expect(old.rows.every((r) => r.locked)).toBe(true)
    expect(old.total).toBe(4)
    const diff = await callOk(desk.core, 'log.get', { id: signed.escalatedEntryIds[0] }, q2)
    expect(diff).toMatchObject({ state: 'escalated', escalatedTo: 'supervisor', handoverId: v.id, locked: true })
    expect(diff.content).toContain('备用金')
    expect(diff.action).toContain('垫付维修配件款20元')
    const s1 = await desk.token('S1')
    expect((await callOk(desk.core, 'escalation.queue', { to: 'supervisor' }, s1)).map((e) => e.id)).toEqual([complaint.id, diff.id])

    // Pending items carry over: 王芳 follows up and closes the repair; the follow-ups are appended to the locked entry.
    await callOk(desk.core, 'log.followUp', { id: repair.id, note: '工程部16:00到场维修' }, q2)
    const closed = await callOk(desk.core, 'log.close', { id: repair.id, note: '已修好,回访业主满意' }, q2)
    expect(closed).toMatchObject({ state: 'done', status: 'pending', locked: true })
    expect(closed.followUps.map((f) => [f.kind, f.staffName])).toEqual([
      ['note', '王芳'],
      ['close', '王芳'],
    ])

    // A correction of a locked entry is a new entry in the open shift, linked to the old one.
    const fix = await callOk(desk.core, 'log.correct', { id: call.id, reason: '内容记错', kind: 'call', content: '咨询停车月卡续费', action: '已解答' }, q2)
    expect(fix).toMatchObject({ correctsId: call.id, correctionReason: '内容记错', shiftId: signed.newShift!.id, locked: false })
    expect((await callOk(desk.core, 'log.get', { id: call.id }, q2)).correctedById).toBe(fix.id)
    expectRefused(await desk.core.call('log.correct', { id: call.id, reason: '再改', kind: 'call', content: 'x' }, q2), 'CONFLICT', 'id', '更正最新的')

    const list = await callOk(desk.core, 'handover.list', {}, q2)
    expect(list.rows).toEqual([expect.objectContaining({ id: v.id, status: 'signed', outgoingName: '李娜', incomingName: '王芳', differences: 1, questions: 1, intact: true })])
    expect(await callOk(desk.core, 'handover.verify', {}, s1)).toEqual({ ok: true, checked: 1, broken: [] })
    const actions = (await desk.core.db.read.all<{ action: string }>(`SELECT action FROM audit_events WHERE entity = 'handover' ORDER BY seq`)).map((a) => a.action)
    expect(actions[0]).toBe('handover.start')
    expect(actions.at(-1)).toBe('handover.sign')
  })

  it('an unrostered incoming clerk needs a supervisor override (own PIN, reason); carried stock expects the last count', async () => {
    desk = await openDutyDesk('2026-11-20 09:00')
    await dayWithEntries(desk)
    desk.clock.set('2026-12-01 15:15')
    const q1 = await desk.token('Q1')
    const h = await callOk(desk.core, 'handover.start', {}, q1)
    const before = await dutySnapshot(desk.core)
    expectRefused(await desk.core.call('handover.incoming', { id: h.id, staffNo: 'Q3', pin: PIN }, q1), 'RULE', 'override', '未排在下一班次')
    expectRefused(
      await desk.core.call('handover.incoming', { id: h.id, staffNo: 'Q3', pin: PIN, override: { supervisorStaffNo: 'S1', supervisorPin: '0000', reason: '王芳病假' } }, q1),
      'BAD_CREDENTIALS',
      'override.supervisorPin',
    )
    expect(await dutySnapshot(desk.core)).toBe(before)
    let v = await callOk(desk.core, 'handover.incoming', { id: h.id, staffNo: 'Q3', pin: PIN, override: { supervisorStaffNo: 'S1', supervisorPin: PIN, reason: '王芳病假' } }, q1)
    expect(v.incoming).toMatchObject({ name: '张伟', rostered: false, overrideByName: '陈静', overrideReason: '王芳病假', shiftName: '晚班' })
    for (const p of v.pending) v = await callOk(desk.core, 'handover.ack', { id: v.id, entryId: p.entry.id }, q1)
    for (const c of v.checklist) v = await callOk(desk.core, 'handover.check', { id: v.id, itemCode: c.code, ok: true }, q1)
    for (const c of v.counts) {
      const n = c.code === 'parcels' ? 7 : c.expected
      v = await callOk(desk.core, 'handover.count', { id: v.id, itemCode: c.code, side: 'outgoing', count: n }, q1)
      v = await callOk(desk.core, 'handover.count', { id: v.id, itemCode: c.code, side: 'incoming', count: n }, q1)
    }
    // Parcels are carried stock: 7 held now is no difference when both sides count 7.
    expect(v.counts.find((c) => c.code === 'parcels')).toMatchObject({ carry: true, expected: 0, difference: false })
    const signed = await callOk(desk.core, 'handover.sign', { id: v.id, outgoingPin: PIN, incomingPin: PIN }, q1)
    expect(signed.newShift).toMatchObject({ staffName: '张伟', rostered: false, overrideByName: '陈静', overrideReason: '王芳病假' })
    desk.clock.set('2026-12-01 19:50')
    const next = await callOk(desk.core, 'handover.start', {}, await desk.token('Q3'))
    expect(next.counts.find((c) => c.code === 'parcels')).toMatchObject({ expected: 7 })
  })
})
