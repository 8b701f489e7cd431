import { afterEach, describe, expect, it } from 'vitest'
import { callOk } from '../../electron/core/app'
import { addNightShift, dutySnapshot, expectRefused, makeRoster, openDutyDesk, type DutyDesk } from '../helpers/duty'

let desk: DutyDesk
afterEach(async () => desk?.core.close())

describe('roster (排班表)', () => {
  it('reminds from the 20th until next month is published, overdue after the 25th', async () => {
    desk = await openDutyDesk('2026-11-19 09:00')
    const clerk = await desk.token('Q1')
    expect(await callOk(desk.core, 'roster.reminder', {}, clerk)).toMatchObject({ show: false, month: '2026-12' })
    desk.clock.set('2026-11-20 08:00')
    expect(await callOk(desk.core, 'roster.reminder', {}, await desk.token('Q1'))).toMatchObject({ show: true, overdue: false, status: 'none', dueDate: '2026-11-25' })
    desk.clock.set('2026-11-26 08:00')
    const late = await callOk(desk.core, 'roster.reminder', {}, await desk.token('Q1'))
    expect(late).toMatchObject({ show: true, overdue: true })
    expect(late.message).toContain('2026-12')
    await makeRoster(desk, '2026-12', [['2026-12-01', 'Q1', 'early']])
    expect(await callOk(desk.core, 'roster.reminder', {}, await desk.token('Q1'))).toMatchObject({ show: false, status: 'published' })
  })

  it('drafts, validates, publishes (then locked), and copies last month as planned', async () => {
    desk = await openDutyDesk('2026-11-20 09:00')
    const admin = await desk.token('admin')
    const bad = await desk.core.call('roster.saveDraft', { month: '2026-12', cells: [{ date: '2026-12-01', staffId: desk.ids.Q1, shiftCode: 'nope' }] }, admin)
    expectRefused(bad, 'RULE', 'cells.0.shiftCode', '班次 nope 不存在')
    const twice = await desk.core.call('roster.saveDraft', {
      month: '2026-12',
      cells: [
        { date: '2026-12-01', staffId: desk.ids.Q1, shiftCode: 'early' },
        { date: '2026-12-01', staffId: desk.ids.Q1, shiftCode: 'late' },
      ],
    }, admin)
    expectRefused(twice, 'RULE', 'cells.1', '同一人同一天只能排一个班次')
    expectRefused(await desk.core.call('roster.saveDraft', { month: '2026-13', cells: [] }, admin), 'INVALID_INPUT', 'month', '月份格式')
    expectRefused(await desk.core.call('roster.saveDraft', { month: '2026-12', cells: [] }, await desk.token('Q1')), 'FORBIDDEN')

    await makeRoster(desk, '2026-12', [
      ['2026-12-01', 'Q1', 'early'],
      ['2026-12-01', 'Q2', 'late'],
      ['2026-12-31', 'Q3', 'middle'],
    ], false)
    let view = await callOk(desk.core, 'roster.get', { month: '2026-12' }, admin)
    expect(view).toMatchObject({ status: 'draft', printable: false })
    expect(view.slots).toHaveLength(3)
    expect(view.emptyDays).toHaveLength(29)
    view = await callOk(desk.core, 'roster.publish', { month: '2026-12' }, admin)
    expect(view).toMatchObject({ status: 'published', printable: true, publishedByName: '赵敏' })
    const early = view.slots.find((s) => s.shiftCode === 'early')!
    expect(early).toMatchObject({ staffName: '李娜', shiftName: '早班', startsAt: '2026-11-30T23:30:00.000Z', endsAt: '2026-12-01T07:30:00.000Z' })

    const before = await dutySnapshot(desk.core)
    expectRefused(await desk.core.call('roster.saveDraft', { month: '2026-12', cells: [] }, admin), 'RULE', 'month', '已发布')
    expect(await dutySnapshot(desk.core)).toBe(before)

    // An approved leave changes December; January is copied from the plan, by day of month.
    desk.clock.set('2026-12-20 10:00')
    const leave = await callOk(desk.core, 'leave.request', { kind: 'cover', date: '2026-12-31', reason: '回老家' }, await desk.token('Q3'))
    await callOk(desk.core, 'leave.decide', { id: leave.id, approve: true, substituteId: desk.ids.Q1 }, await desk.token('S1'))
    const dec = await callOk(desk.core, 'roster.get', { month: '2026-12' }, await desk.token('admin'))
    expect(dec.slots.find((s) => s.date === '2026-12-31')).toMatchObject({ staffName: '李娜', plannedStaffName: '张伟' })
    const copied = await callOk(desk.core, 'roster.copyPrevious', { month: '2027-01' }, await desk.token('admin'))
    expect(copied.status).toBe('draft')
    expect(copied.slots.map((s) => [s.date, s.staffName, s.shiftCode])).toEqual([
      ['2027-01-01', '李娜', 'early'],
      ['2027-01-01', '王芳', 'late'],
      ['2027-01-31', '张伟', 'middle'],
    ])
    expectRefused(await desk.core.call('roster.copyPrevious', { month: '2027-03' }, await desk.token('admin')), 'RULE', 'month', '2027-02 没有排班表可复制')
  })
})

describe('leave and swaps (请假/调休/替班/换班)', () => {
  async function december() {
    desk = await openDutyDesk('2026-11-20 09:00')
    await makeRoster(desk, '2026-12', [
      ['2026-12-05', 'Q1', 'early'],
      ['2026-12-06', 'Q1', 'early'],
      ['2026-12-07', 'Q2', 'late'],
      ['2026-12-06', 'S1', 'middle'],
      ['2026-12-06', 'Q3', 'late'],
    ])
    desk.clock.set('2026-12-05 10:00')
  }

  it('must be asked at least one day ahead, for a rostered day, and without naming a substitute', async () => {
    await december()
    const q1 = await desk.token('Q1')
    const before = await dutySnapshot(desk.core)
    expectRefused(await desk.core.call('leave.request', { kind: 'leave', date: '2026-12-05', reason: '发烧' }, q1), 'RULE', 'date', '至少提前一天')
    expectRefused(await desk.core.call('leave.request', { kind: 'leave', date: '2026-12-08', reason: '发烧' }, q1), 'RULE', 'date', '没有排班')
    expectRefused(
      await desk.core.call('leave.request', { kind: 'cover', date: '2026-12-06', reason: '家中有事', substituteId: desk.ids.Q2 }, q1),
      'INVALID_INPUT',
      'substituteId',
      '替班人由客服主管审批时安排',
    )
    expect(await dutySnapshot(desk.core)).toBe(before)
    const req = await callOk(desk.core, 'leave.request', { kind: 'leave', date: '2026-12-06', reason: '家中有事' }, q1)
    expect(req).toMatchObject({ status: 'pending', shiftName: '早班', staffName: '李娜' })
    expectRefused(await desk.core.call('leave.request', { kind: 'timeOff', date: '2026-12-06', reason: '再申请' }, q1), 'CONFLICT', 'date')
  })

  it('only a supervisor decides, never their own request; a refusal leaves the roster as it was', async () => {
    await december()
    const s1 = await desk.token('S1')
    const mine = await callOk(desk.core, 'leave.request', { kind: 'timeOff', date: '2026-12-06', reason: '调休' }, s1)
    expectRefused(await desk.core.call('leave.decide', { id: mine.id, approve: true }, s1), 'FORBIDDEN', 'id', '不能审批自己的申请')
    const req = await callOk(desk.core, 'leave.request', { kind: 'leave', date: '2026-12-06', reason: '看病' }, await desk.token('Q1'))
    expectRefused(await desk.core.call('leave.decide', { id: req.id, approve: true }, await desk.token('admin')), 'FORBIDDEN')
    expectRefused(await desk.core.call('leave.decide', { id: req.id, approve: true }, await desk.token('Q2')), 'FORBIDDEN')
    const before = await callOk(desk.core, 'roster.get', { month: '2026-12' }, s1)
    const refused = await callOk(desk.core, 'leave.decide', { id: req.id, approve: false, note: '人手不足' }, s1)
    expect(refused).toMatchObject({ status: 'refused', decidedByName: '陈静', note: '人手不足' })
    expect((await callOk(desk.core, 'roster.get', { month: '2026-12' }, s1)).slots).toEqual(before.slots)
    expectRefused(await desk.core.call('leave.decide', { id: req.id, approve: true }, s1), 'CONFLICT', 'id')
    // The other supervisor decides S1's own request.
    expect(await callOk(desk.core, 'leave.decide', { id: mine.id, approve: true }, await desk.token('S2'))).toMatchObject({ status: 'approved', substituteId: null })
    const after = await callOk(desk.core, 'roster.get', { month: '2026-12' }, s1)
    expect(after.slots.find((s) => s.staffName === '陈静')).toBeUndefined()
    expect(after.changes.map((c) => c.kind)).toEqual(['timeOff'])
  })

  it('the substitute the supervisor picks takes the slot; a clerk sees only their own requests', async () => {
    await december()
    const q1 = await desk.token('Q1')
    const req = await callOk(desk.core, 'leave.request', { kind: 'cover', date: '2026-12-06', reason: '家中有事' }, q1)
    const s1 = await desk.token('S1')
    expectRefused(await desk.core.call('leave.decide', { id: req.id, approve: true }, s1), 'RULE', 'substituteId', '替班人')
    expectRefused(await desk.core.call('leave.decide', { id: req.id, approve: true, substituteId: desk.ids.Q1 }, s1), 'RULE', 'substituteId', '申请人本人')
    expectRefused(await desk.core.call('leave.decide', { id: req.id, approve: true, substituteId: desk.ids.Q3 }, s1), 'RULE', 'substituteId', '已有班次')
    expectRefused(await desk.core.call('leave.decide', { id: req.id, approve: true, substituteId: desk.ids.D1 }, s1), 'RULE', 'substituteId', '不是前台值班人员')
    const ok = await callOk(desk.core, 'leave.decide', { id: req.id, approve: true, substituteId: desk.ids.Q2 }, s1)
    expect(ok).toMatchObject({ status: 'approved', substituteName: '王芳' })
    const view = await callOk(desk.core, 'roster.get', { month: '2026-12' }, s1)
    const d6 = view.slots.filter((s) => s.date === '2026-12-06')
    expect(d6.find((s) => s.shiftCode === 'early')).toMatchObject({ staffName: '王芳', plannedStaffName: '李娜', leaveId: req.id })
    expect(d6.find((s) => s.staffName === '李娜')).toBeUndefined()
    expect(await callOk(desk.core, 'leave.list', {}, await desk.token('Q2'))).toEqual([])
    expect((await callOk(desk.core, 'leave.list', {}, q1)).map((l) => l.id)).toEqual([req.id])
    expect(await callOk(desk.core, 'leave.list', { month: '2026-12' }, s1)).toHaveLength(1)
  })

  it('a swap exchanges two slots (换班), and the roster decides who may take over', async () => {
    await december()
    const req = await callOk(desk.core, 'leave.request', { kind: 'swap', date: '2026-12-06', reason: '换班' }, await desk.token('Q1'))
    const s1 = await desk.token('S1')
    expectRefused(await desk.core.call('leave.decide', { id: req.id, approve: true, substituteId: desk.ids.Q2 }, s1), 'RULE', 'swapDate')
    expectRefused(await desk.core.call('leave.decide', { id: req.id, approve: true, substituteId: desk.ids.Q2, swapDate: '2026-12-08' }, s1), 'RULE', 'swapDate', '没有排班')
    await callOk(desk.core, 'leave.decide', { id: req.id, approve: true, substituteId: desk.ids.Q2, swapDate: '2026-12-07' }, s1)
    const slots = (await callOk(desk.core, 'roster.get', { month: '2026-12' }, s1)).slots
    expect(slots.find((s) => s.date === '2026-12-06' && s.shiftCode === 'early')).toMatchObject({ staffName: '王芳', plannedStaffName: '李娜' })
    expect(slots.find((s) => s.date === '2026-12-07' && s.shiftCode === 'late')).toMatchObject({ staffName: '李娜', plannedStaffName: '王芳' })

    // 12-06 07:20: the early shift is 王芳's now. 李娜 (planned, swapped away) may not start it.
    desk.clock.set('2026-12-06 07:20')
    expectRefused(await desk.core.call('duty.start', {}, await desk.token('Q1')), 'RULE', 'override', '不在当前班次的排班表上')
    const cur = await callOk(desk.core, 'duty.current', {}, await desk.token('Q2'))
    expect(cur.rostered.map((r) => [r.staffName, r.shiftName])).toEqual([['王芳', '早班']])
    const shift = await callOk(desk.core, 'duty.start', {}, await desk.token('Q2'))
    expect(shift).toMatchObject({ staffName: '王芳', shiftName: '早班', date: '2026-12-06', rostered: true })
  })

  it('a night shift crossing midnight belongs to the date it starts', async () => {
    desk = await openDutyDesk('2026-11-20 09:00')
    await addNightShift(desk)
    await makeRoster(desk, '2026-12', [
      ['2026-12-01', 'Q3', 'night'],
      ['2026-12-02', 'Q1', 'early'],
    ])
    const admin = await desk.token('admin')
    const night = (await callOk(desk.core, 'roster.get', { month: '2026-12' }, admin)).slots.find((s) => s.shiftCode === 'night')!
    expect(night).toMatchObject({ date: '2026-12-01', startsAt: '2026-12-01T14:00:00.000Z', endsAt: '2026-12-02T00:00:00.000Z' })

    // 02:00 on 12-02: 张伟 is on the night of 12-01.
    desk.clock.set('2026-12-02 02:00')
    const q3 = await desk.token('Q3')
    const cur = await callOk(desk.core, 'duty.current', {}, q3)
    expect(cur.rostered).toEqual([expect.objectContaining({ staffName: '张伟', date: '2026-12-01', shiftName: '夜值' })])
    const shift = await callOk(desk.core, 'duty.start', {}, q3)
    expect(shift).toMatchObject({ date: '2026-12-01', shiftName: '夜值', endsAt: '2026-12-02T00:00:00.000Z' })
    const entry = await callOk(desk.core, 'log.add', { kind: 'patrol', content: '凌晨巡查发现3栋大堂门未关', status: 'done', action: '已关好' }, q3)
    expect(entry).toMatchObject({ shiftDate: '2026-12-01', shiftName: '夜值' })

    // 07:20: 李娜 (early, 12-02) may take over the night; the review day is 12-01, not 12-02.
    desk.clock.set('2026-12-02 07:20')
    expect((await callOk(desk.core, 'duty.current', {}, await desk.token('Q1'))).rostered.map((r) => r.staffName)).toEqual(['张伟', '李娜'])
    const h = await callOk(desk.core, 'handover.start', {}, await desk.token('Q3'))
    const withIncoming = await callOk(desk.core, 'handover.incoming', { id: h.id, staffNo: 'Q1', pin: '1234' }, await desk.token('Q3'))
    expect(withIncoming.incoming).toMatchObject({ name: '李娜', date: '2026-12-02', shiftName: '早班', rostered: true })
    const queue = await callOk(desk.core, 'review.queue', {}, await desk.token('S1'))
    expect(queue.map((d) => d.date)).toEqual(['2026-12-01'])
    expect(queue[0]).toMatchObject({ shiftCount: 1, entryCount: 1 })
  })
})
