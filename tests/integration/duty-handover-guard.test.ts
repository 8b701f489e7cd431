import { afterEach, describe, expect, it } from 'vitest'
import { callOk } from '../../electron/core/app'
import { dutySnapshot, expectRefused, handoverReady, openDutyDesk, PIN, type DutyDesk } from '../helpers/duty'

let desk: DutyDesk
afterEach(async () => desk?.core.close())

/** Runs a call that must be refused and shows that no duty record changed. */
async function refusedUnchanged(call: () => Promise<import('../../shared/api/contract').Result<unknown>>, code: string, field: string, words?: string) {
  const before = await dutySnapshot(desk.core)
  expectRefused(await call(), code, field, words)
  expect(await dutySnapshot(desk.core)).toBe(before)
}

const stillOpen = async (id: string, q1: string) => {
  const v = await callOk(desk.core, 'handover.get', { id }, q1)
  expect(v.status).toBe('draft')
  expect(v.seq).toBeNull()
  const cur = await callOk(desk.core, 'duty.current', {}, q1)
  expect(cur.shift).toMatchObject({ staffName: '李娜', status: 'open' })
}

describe('handover — bad input is refused, naming the field, and nothing is signed', () => {
  it('a wrong PIN on either side', async () => {
    desk = await openDutyDesk('2026-11-20 09:00')
    const { q1, view } = await handoverReady(desk)
    expect(view.problems).toEqual([])
    await refusedUnchanged(() => desk.core.call('handover.sign', { id: view.id, outgoingPin: '0000', incomingPin: PIN }, q1), 'BAD_CREDENTIALS', 'outgoingPin', '交班人PIN不正确')
    await refusedUnchanged(() => desk.core.call('handover.sign', { id: view.id, outgoingPin: PIN, incomingPin: '0000' }, q1), 'BAD_CREDENTIALS', 'incomingPin', '接班人PIN不正确')
    await refusedUnchanged(() => desk.core.call('handover.sign', { id: view.id, outgoingPin: PIN, incomingPin: '' }, q1), 'INVALID_INPUT', 'incomingPin', '接班人PIN不能为空')
    await stillOpen(view.id, q1)
    // Wrong PINs count towards the lock, like the login, and are audited.
    const fails = await desk.core.db.read.all(`SELECT summary FROM audit_events WHERE action = 'auth.fail'`)
    expect(fails).toHaveLength(2)
  })

  it('the same person on both sides', async () => {
    desk = await openDutyDesk('2026-11-20 09:00')
    const { q1, view } = await handoverReady(desk, { acks: true, checks: true, counts: true })
    await refusedUnchanged(() => desk.core.call('handover.incoming', { id: view.id, staffNo: 'Q1', pin: PIN }, q1), 'RULE', 'staffNo', '接班人不能与交班人为同一人')
    await stillOpen(view.id, q1)
    expect((await callOk(desk.core, 'handover.get', { id: view.id }, q1)).incoming?.name).toBe('王芳')
  })

  it('an incoming clerk not rostered, without a supervisor override', async () => {
    desk = await openDutyDesk('2026-11-20 09:00')
    const { q1, view } = await handoverReady(desk, { acks: true, checks: true, counts: true })
    await refusedUnchanged(() => desk.core.call('handover.incoming', { id: view.id, staffNo: 'Q3', pin: PIN }, q1), 'RULE', 'override', '张伟 未排在下一班次')
    await refusedUnchanged(
      () => desk.core.call('handover.incoming', { id: view.id, staffNo: 'Q3', pin: PIN, override: { supervisorStaffNo: 'Q2', supervisorPin: PIN, reason: '顶班' } }, q1),
      'RULE',
      'override.supervisorStaffNo',
      '不是客服主管',
    )
    await refusedUnchanged(() => desk.core.call('handover.incoming', { id: view.id, staffNo: 'Q3', pin: '9999' }, q1), 'BAD_CREDENTIALS', 'pin', '接班人工号或PIN不正确,还可尝试 4 次')
    await refusedUnchanged(() => desk.core.call('handover.incoming', { id: view.id, staffNo: 'ZZ9', pin: PIN }, q1), 'BAD_CREDENTIALS', 'pin', '接班人工号或PIN不正确,还可尝试 4 次')
    await stillOpen(view.id, q1)
  })

  it('a count left empty', async () => {
    desk = await openDutyDesk('2026-11-20 09:00')
    const { q1, view } = await handoverReady(desk)
    const v = await callOk(desk.core, 'handover.count', { id: view.id, itemCode: 'keys', side: 'incoming', count: null }, q1)
    expect(v.problems).toEqual([{ field: 'counts.keys.incoming', message: '交接物品「钥匙」接班人清点数未填写' }])
    await refusedUnchanged(() => desk.core.call('handover.sign', { id: view.id, outgoingPin: PIN, incomingPin: PIN }, q1), 'RULE', 'counts.keys.incoming', '钥匙')
    await refusedUnchanged(() => desk.core.call('handover.count', { id: view.id, itemCode: 'keys', side: 'incoming', count: -1 }, q1), 'INVALID_INPUT', 'count', '清点数不能为负数')
    await refusedUnchanged(() => desk.core.call('handover.count', { id: view.id, itemCode: 'keys', side: 'incoming', count: 1.5 }, q1), 'INVALID_INPUT', 'count', '整数')
    await stillOpen(view.id, q1)
    // No PIN was spent on an incomplete handover.
    expect(await desk.core.db.read.all(`SELECT 1 FROM audit_events WHERE action = 'auth.fail'`)).toHaveLength(0)
  })

  it('a difference without an explanation', async () => {
    desk = await openDutyDesk('2026-11-20 09:00')
    const { q1, view } = await handoverReady(desk)
    await callOk(desk.core, 'handover.count', { id: view.id, itemCode: 'radio', side: 'incoming', count: 1 }, q1)
    await refusedUnchanged(
      () => desk.core.call('handover.sign', { id: view.id, outgoingPin: PIN, incomingPin: PIN }, q1),
      'RULE',
      'counts.radio.explanation',
      '交接物品「对讲机」清点数不符(应有 2,交班清点 2,接班清点 1),请填写差异说明',
    )
    await refusedUnchanged(() => desk.core.call('handover.explain', { id: view.id, itemCode: 'radio', explanation: ' ' }, q1), 'INVALID_INPUT', 'explanation', '差异说明不能为空')
    await stillOpen(view.id, q1)
  })

  it('an unacknowledged pending item blocks signing', async () => {
    desk = await openDutyDesk('2026-11-20 09:00')
    const { q1, view, repair } = await handoverReady(desk, { acks: true })
    await refusedUnchanged(() => desk.core.call('handover.sign', { id: view.id, outgoingPin: PIN, incomingPin: PIN }, q1), 'RULE', `pending.${repair.id}`, '接班人尚未确认')
    await stillOpen(view.id, q1)
  })

  it('an unchecked checklist line blocks signing', async () => {
    desk = await openDutyDesk('2026-11-20 09:00')
    const { q1, view } = await handoverReady(desk, { checks: true })
    const first = view.checklist[0]
    await refusedUnchanged(() => desk.core.call('handover.sign', { id: view.id, outgoingPin: PIN, incomingPin: PIN }, q1), 'RULE', `checklist.${first.code}`, `环境检查「${first.name}」尚未检查`)
    await stillOpen(view.id, q1)
  })

  it('a signed handover and a locked entry cannot be edited through the API or in the database', async () => {
    desk = await openDutyDesk('2026-11-20 09:00')
    const { q1, view, call } = await handoverReady(desk)
    const signed = await callOk(desk.core, 'handover.sign', { id: view.id, outgoingPin: PIN, incomingPin: PIN }, q1)
    const q2 = signed.incomingSession!.token
    const id = view.id
    await refusedUnchanged(() => desk.core.call('handover.count', { id, itemCode: 'cash', side: 'incoming', count: 1 }, q2), 'CONFLICT', 'id', '已签字')
    await refusedUnchanged(() => desk.core.call('handover.check', { id, itemCode: 'desk', ok: false, note: '改' }, q1), 'CONFLICT', 'id', '已签字')
    await refusedUnchanged(() => desk.core.call('handover.explain', { id, itemCode: 'cash', explanation: '改' }, q2), 'CONFLICT', 'id', '已签字')
    await refusedUnchanged(() => desk.core.call('handover.incoming', { id, staffNo: 'Q3', pin: PIN }, q1), 'CONFLICT', 'id', '已签字')
    await refusedUnchanged(() => desk.core.call('handover.sign', { id, outgoingPin: PIN, incomingPin: PIN }, q1), 'CONFLICT', 'id', '已签字')
    await refusedUnchanged(
      () => desk.core.call('log.update', { id: call.id, kind: 'call', content: '改过的内容' }, q1),
      'RULE',
      'id',
      '记录已锁定;如需更正,请新增一条更正记录',
    )
    expect((await callOk(desk.core, 'log.get', { id: call.id }, q2)).content).toBe('咨询停车月卡办理')
    // Behind the app's back, the triggers refuse too.
    await expect(desk.core.db.tx((w) => w.run(`UPDATE handovers SET override_reason = 'x' WHERE id = ?`, [id]))).rejects.toThrow(/immutable/)
    await expect(desk.core.db.tx((w) => w.run(`UPDATE handover_counts SET incoming_count = 0`))).rejects.toThrow(/immutable/)
    await expect(desk.core.db.tx((w) => w.run(`DELETE FROM handovers`))).rejects.toThrow(/never deleted/)
    await expect(desk.core.db.tx((w) => w.run(`UPDATE log_entries SET content = 'x' WHERE id = ?`, [call.id]))).rejects.toThrow(/locked/)
    await expect(desk.core.db.tx((w) => w.run(`UPDATE duty_shifts SET staff_id = ? WHERE status = 'closed'`, [desk.ids.Q3]))).rejects.toThrow(/immutable/)
    expect(await callOk(desk.core, 'handover.verify', {}, q2)).toMatchObject({ ok: true, checked: 1 })
  })

  it('an entry of the open shift can still be edited, by its recorder', async () => {
    desk = await openDutyDesk('2026-11-20 09:00')
    const { q1, view, call } = await handoverReady(desk)
    const e = await callOk(desk.core, 'log.update', { id: call.id, kind: 'call', content: '咨询停车月卡续费', action: '已解答' }, q1)
    expect(e.content).toBe('咨询停车月卡续费')
    expectRefused(await desk.core.call('log.update', { id: call.id, kind: 'call', content: '别人改' }, await desk.token('Q3')), 'FORBIDDEN', 'id')
    // FTS follows the edit.
    const found = await callOk(desk.core, 'log.list', { q: '月卡续费' }, q1)
    expect(found.rows.map((r) => r.id)).toEqual([call.id])
    expect((await callOk(desk.core, 'log.list', { q: '月卡办理' }, q1)).rows).toEqual([])
    expect(view.status).toBe('draft')
  })
})
