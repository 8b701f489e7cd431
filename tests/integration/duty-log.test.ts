import { afterEach, describe, expect, it } from 'vitest'
import { callOk } from '../../electron/core/app'
import { dutySnapshot, expectRefused, makeRoster, openDutyDesk, type DutyDesk } from '../helpers/duty'

let desk: DutyDesk
afterEach(async () => desk?.core.close())

/** December: 李娜 early, 王芳 late on 12-01; 李娜 starts at 07:25. */
async function onDuty() {
  desk = await openDutyDesk('2026-11-20 09:00')
  const admin = await desk.token('admin')
  const b = await callOk(desk.core, 'building.create', { code: '3' }, admin)
  const unit = await callOk(desk.core, 'unit.create', { buildingId: b.id, entrance: '2', room: '1502' }, admin)
  await makeRoster(desk, '2026-12', [
    ['2026-12-01', 'Q1', 'early'],
    ['2026-12-01', 'Q2', 'late'],
  ])
  desk.clock.set('2026-12-01 07:25')
  const q1 = await desk.token('Q1')
  return { q1, unitId: unit.id }
}

describe('duty shifts', () => {
  it('no entry without an open shift; starting needs the roster or a supervisor with PIN and reason', async () => {
    desk = await openDutyDesk('2026-11-20 09:00')
    await makeRoster(desk, '2026-12', [['2026-12-01', 'Q1', 'early']])
    desk.clock.set('2026-12-01 07:25')
    const q2 = await desk.token('Q2')
    expectRefused(await desk.core.call('log.add', { kind: 'call', content: '业主来电咨询' }, q2), 'RULE', 'shift', '没有值班班次')
    const before = await dutySnapshot(desk.core)
    expectRefused(await desk.core.call('duty.start', {}, q2), 'RULE', 'override', '客服主管授权')
    expectRefused(
      await desk.core.call('duty.start', { override: { supervisorStaffNo: 'S1', supervisorPin: '9999', reason: '李娜病假' } }, q2),
      'BAD_CREDENTIALS',
      'override.supervisorPin',
    )
    expectRefused(
      await desk.core.call('duty.start', { override: { supervisorStaffNo: 'Q3', supervisorPin: '1234', reason: '李娜病假' } }, q2),
      'RULE',
      'override.supervisorStaffNo',
      '不是客服主管',
    )
    expectRefused(await desk.core.call('duty.start', { override: { supervisorStaffNo: 'S1', supervisorPin: '1234', reason: '' } }, q2), 'INVALID_INPUT', 'override.reason', '授权原因不能为空')
    expect(await dutySnapshot(desk.core)).toBe(before)
    const shift = await callOk(desk.core, 'duty.start', { override: { supervisorStaffNo: 'S1', supervisorPin: '1234', reason: '李娜病假' } }, q2)
    expect(shift).toMatchObject({ staffName: '王芳', shiftName: '早班', rostered: false, overrideByName: '陈静', overrideReason: '李娜病假' })
    expect(shift.custody).toBe(true) // the first on duty holds the desk's items
    // Several clerks on duty at once: 李娜 (rostered) starts her own shift beside 王芳's; custody stays with 王芳.
    const q1 = await desk.token('Q1')
    expect(await callOk(desk.core, 'duty.start', {}, q1)).toMatchObject({ staffName: '李娜', custody: false })
    expectRefused(await desk.core.call('duty.start', {}, q1), 'CONFLICT', 'shift', '已在值班')
    expect((await callOk(desk.core, 'duty.current', {}, q1)).onDuty.map((s) => [s.staffName, s.custody])).toEqual([
      ['王芳', true],
      ['李娜', false],
    ])
  })

  it('flags a shift left unhandled past its end plus the grace period', async () => {
    const { q1 } = await onDuty()
    await callOk(desk.core, 'duty.start', {}, q1)
    desk.clock.set('2026-12-01 15:59')
    const s1 = await desk.token('S1')
    expect(await callOk(desk.core, 'shift.overdue', {}, s1)).toEqual([])
    desk.clock.set('2026-12-01 16:01')
    const flags = await callOk(desk.core, 'shift.overdue', {}, s1)
    expect(flags).toEqual([expect.objectContaining({ staffName: '李娜', shiftName: '早班', overdueMinutes: 31 })])
    expect((await callOk(desk.core, 'duty.current', {}, q1)).overdue).toBe(true)
    expect((await callOk(desk.core, 'duty.current', {}, s1)).overdue).toBe(false) // the supervisor has no shift of their own
    expectRefused(await desk.core.call('shift.overdue', {}, await desk.token('Q2')), 'FORBIDDEN')
    // The grace period is a site setting.
    const admin = await desk.token('admin')
    const site = await callOk(desk.core, 'site.get', {}, admin)
    await callOk(desk.core, 'site.update', { name: site.name, office: site.office, timeZone: 'Asia/Shanghai', graceMinutes: 60 }, admin)
    expect(await callOk(desk.core, 'shift.overdue', {}, s1)).toEqual([])
  })

  it('site settings for the desk: custody items, checklist, templates, grace — with defaults', async () => {
    desk = await openDutyDesk('2026-11-20 09:00')
    const admin = await desk.token('admin')
    const site = await callOk(desk.core, 'site.get', {}, admin)
    expect(site.graceMinutes).toBe(30)
    expect(site.custodyItems.map((c) => c.name)).toEqual(['对讲机', '备用金', '钥匙', '空白证件', '代收快递'])
    expect(site.custodyItems.find((c) => c.code === 'cash')).toMatchObject({ unit: 'fen', expected: 50000 })
    expect(site.checklist.length).toBeGreaterThan(0)
    const base = { name: site.name, office: site.office, timeZone: 'Asia/Shanghai' as const }
    expectRefused(
      await desk.core.call('site.update', { ...base, custodyItems: [{ code: 'a', name: '钥匙', unit: 'count', expected: 1 }, { code: 'a', name: '卡', unit: 'count', expected: 1 }] }, admin),
      'INVALID_INPUT',
      'custodyItems.1.code',
      '交接物品代码 a 重复',
    )
    expectRefused(await desk.core.call('site.update', { ...base, custodyItems: [{ code: 'a', name: '钥匙', unit: 'count', expected: -1 }] }, admin), 'INVALID_INPUT', 'custodyItems.0.expected', '应有数量不能为负数')
    const next = await callOk(desk.core, 'site.update', {
      ...base,
      custodyItems: [{ code: 'cash', name: '备用金', unit: 'fen', expected: 100000 }],
      checklist: [{ code: 'desk', name: '台面整洁' }],
      logTemplates: [{ kind: 'visit', content: '快递员送件', action: '' }],
    }, admin)
    expect(next).toMatchObject({ custodyItems: [{ code: 'cash', expected: 100000 }], checklist: [{ code: 'desk' }], graceMinutes: 30, shifts: site.shifts })
    expect(await callOk(desk.core, 'log.templates', {}, admin)).toEqual([{ kind: 'visit', content: '快递员送件', action: '' }])
  })
})

describe('duty log (值班记录)', () => {
  it('records entries with defaults and Chinese field messages', async () => {
    const { q1, unitId } = await onDuty()
    await callOk(desk.core, 'duty.start', {}, q1)
    const e = await callOk(desk.core, 'log.add', { kind: 'repair', unitId, person: '王先生', content: '卫生间漏水', action: '已开维修单转工程部', passedTo: '工程部', status: 'pending' }, q1)
    expect(e).toMatchObject({ at: '2026-11-30T23:25:00.000Z', unitLabel: '3栋2单元1502', state: 'pending', recordedByName: '李娜', locked: false, shiftName: '早班' })
    expectRefused(await desk.core.call('log.add', { kind: 'call', content: '' }, q1), 'INVALID_INPUT', 'content', '内容不能为空')
    expectRefused(await desk.core.call('log.add', { kind: 'nope', content: 'x' }, q1), 'INVALID_INPUT', 'kind', '记录类型不正确')
    expectRefused(await desk.core.call('log.add', { kind: 'complaint', content: '噪音投诉', status: 'escalated' }, q1), 'INVALID_INPUT', 'escalateTo', '上报对象')
    expectRefused(await desk.core.call('log.add', { kind: 'call', content: '来电', at: '2026-12-02T00:00:00Z' }, q1), 'RULE', 'at', '不能晚于当前时间')
    expectRefused(await desk.core.call('log.add', { kind: 'call', content: '来电', unitId: 'nope' }, q1), 'RULE', 'unitId', '房屋不存在')
    const templates = await callOk(desk.core, 'log.templates', {}, q1)
    expect(templates.length).toBeGreaterThan(0)
    expect(templates[0]).toHaveProperty('kind')
  })

  it('pending items carry over with appended follow-ups; escalations wait in the right queue', async () => {
    const { q1 } = await onDuty()
    await callOk(desk.core, 'duty.start', {}, q1)
    const p = await callOk(desk.core, 'log.add', { kind: 'repair', content: '5栋电梯异响', status: 'pending' }, q1)
    desk.clock.add(10)
    await callOk(desk.core, 'log.followUp', { id: p.id, note: '工程部已到场' }, q1)
    desk.clock.add(10)
    const f2 = await callOk(desk.core, 'log.followUp', { id: p.id, note: '等待配件' }, q1)
    expect(f2.followUps.map((f) => [f.kind, f.note, f.staffName])).toEqual([
      ['note', '工程部已到场', '李娜'],
      ['note', '等待配件', '李娜'],
    ])
    expect(f2.state).toBe('pending')

    const a = await callOk(desk.core, 'log.add', { kind: 'inquiry', content: '业主要求减免物业费', status: 'escalated', escalateTo: 'admin' }, q1)
    const s = await callOk(desk.core, 'log.add', { kind: 'incident', content: '地下车库进水', status: 'escalated', escalateTo: 'supervisor' }, q1)
    const admin = await desk.token('admin')
    const s1 = await desk.token('S1')
    expect((await callOk(desk.core, 'escalation.queue', {}, admin)).map((x) => x.id)).toEqual([a.id])
    expect((await callOk(desk.core, 'escalation.queue', {}, s1)).map((x) => x.id)).toEqual([a.id, s.id])
    expect((await callOk(desk.core, 'escalation.queue', { to: 'supervisor' }, s1)).map((x) => x.id)).toEqual([s.id])
    expectRefused(await desk.core.call('escalation.queue', {}, q1), 'FORBIDDEN')
    expectRefused(await desk.core.call('escalation.resolve', { id: s.id, note: '已处理' }, admin), 'FORBIDDEN', 'id', '客服主管')
    expectRefused(await desk.core.call('log.close', { id: s.id, note: '自行关闭' }, q1), 'RULE', 'id', '已上报')
    // The clerk escalates the pending item further: it joins the administrator's queue.
    await callOk(desk.core, 'log.escalate', { id: p.id, to: 'admin', note: '配件需采购审批' }, q1)
    expect((await callOk(desk.core, 'escalation.queue', {}, admin)).map((x) => x.id)).toEqual([p.id, a.id])
    const done = await callOk(desk.core, 'escalation.resolve', { id: s.id, note: '已安排抽水' }, s1)
    expect(done).toMatchObject({ state: 'done', escalatedTo: null })
    expect(done.followUps.at(-1)).toMatchObject({ kind: 'resolve', staffName: '陈静', note: '已安排抽水' })
    expect((await callOk(desk.core, 'escalation.queue', {}, s1)).map((x) => x.id)).toEqual([p.id, a.id])
    expect((await callOk(desk.core, 'log.pending', {}, q1)).map((x) => x.id)).toEqual([p.id, a.id])

    // Follow-ups are records of fact: the database refuses to change them.
    await expect(desk.core.db.tx((w) => w.run(`UPDATE log_follow_ups SET note = 'x'`))).rejects.toThrow(/append-only/)
  })

  it('searches by Chinese substring (FTS5 trigram for 3+ characters, LIKE below) and filters', async () => {
    const { q1, unitId } = await onDuty()
    await callOk(desk.core, 'duty.start', {}, q1)
    await callOk(desk.core, 'log.add', { kind: 'repair', unitId, person: '王先生', content: '卫生间漏水,天花板滴水', status: 'pending' }, q1)
    await callOk(desk.core, 'log.add', { kind: 'call', person: '欧阳晓丽', content: '咨询快递代收', status: 'done' }, q1)
    await callOk(desk.core, 'log.add', { kind: 'complaint', content: '楼上装修噪音', passedTo: '工程部', status: 'done' }, q1)
    const s1 = await desk.token('S1')
    const q = async (input: Record<string, unknown>) => (await callOk(desk.core, 'log.list', input as never, s1)).rows.map((r) => r.content)
    expect(await q({ q: '生间漏水' })).toEqual(['卫生间漏水,天花板滴水'])
    expect(await q({ q: '漏水' })).toEqual(['卫生间漏水,天花板滴水'])
    expect(await q({ q: '晓丽' })).toEqual(['咨询快递代收'])
    expect(await q({ q: '工程部' })).toEqual(['楼上装修噪音'])
    expect(await q({ q: '水 天花板' })).toEqual(['卫生间漏水,天花板滴水'])
    expect(await q({ q: '100%' })).toEqual([])
    expect(await q({ kind: 'call' })).toEqual(['咨询快递代收'])
    expect(await q({ unitId })).toEqual(['卫生间漏水,天花板滴水'])
    expect(await q({ status: 'pending' })).toEqual(['卫生间漏水,天花板滴水'])
    expect(await q({ staffId: desk.ids.Q1 })).toHaveLength(3)
    expect(await q({ staffId: desk.ids.Q2 })).toHaveLength(0)
    expect(await q({ from: '2026-12-01', to: '2026-12-01' })).toHaveLength(3)
    expect(await q({ from: '2026-12-02' })).toHaveLength(0)
    expect(await q({ to: '2026-11-30' })).toHaveLength(0)
    expectRefused(await desk.core.call('log.list', { from: '2026-12-02', to: '2026-12-01' }, s1), 'INVALID_INPUT', 'to', '结束日期不能早于开始日期')
    const plan = await desk.core.db.read.all<{ detail: string }>(`EXPLAIN QUERY PLAN SELECT entry_id FROM log_fts WHERE log_fts MATCH '"漏水了"'`)
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/VIRTUAL TABLE INDEX/)
  })

  it('the supervisor reviews each day once (who, when, remark); spot checks are recorded', async () => {
    const { q1 } = await onDuty()
    await callOk(desk.core, 'duty.start', {}, q1)
    await callOk(desk.core, 'log.add', { kind: 'call', content: '来电咨询停车' }, q1)
    const s1 = await desk.token('S1')
    expectRefused(await desk.core.call('review.queue', {}, await desk.token('admin')), 'FORBIDDEN')
    expect(await callOk(desk.core, 'review.queue', {}, s1)).toEqual([{ date: '2026-12-01', shiftCount: 1, entryCount: 1, openCount: 0 }])
    expectRefused(await desk.core.call('review.mark', { date: '2026-12-02' }, s1), 'RULE', 'date', '未来')
    expectRefused(await desk.core.call('review.mark', { date: '2026-11-30' }, s1), 'RULE', 'date', '没有值班记录')
    const r = await callOk(desk.core, 'review.mark', { date: '2026-12-01', remark: '记录清楚' }, s1)
    expect(r).toMatchObject({ date: '2026-12-01', reviewerName: '陈静', remark: '记录清楚', entryCount: 1, reviewedAt: '2026-11-30T23:25:00.000Z' })
    expectRefused(await desk.core.call('review.mark', { date: '2026-12-01' }, s1), 'CONFLICT', 'date', '已由 陈静 审阅')
    expect(await callOk(desk.core, 'review.queue', {}, s1)).toEqual([])

    expectRefused(
      await desk.core.call('quality.add', { clerkId: desk.ids.Q1, items: [{ item: 'appearance', ok: false }] }, s1),
      'INVALID_INPUT',
      'items.0.finding',
      '不合格项须写明问题',
    )
    expectRefused(await desk.core.call('quality.add', { clerkId: desk.ids.Q1, items: [] }, s1), 'INVALID_INPUT', 'items', '至少检查一项')
    expectRefused(await desk.core.call('quality.add', { clerkId: desk.ids.Q1, items: [{ item: 'log', ok: true }] }, q1), 'FORBIDDEN')
    const qc = await callOk(desk.core, 'quality.add', {
      clerkId: desk.ids.Q1,
      items: [
        { item: 'appearance', ok: true },
        { item: 'log', ok: false, finding: '10:05来电未记录处理结果' },
        { item: 'pending', ok: true },
      ],
      findings: '整体良好',
      improvement: '补记处理结果',
    }, s1)
    expect(qc).toMatchObject({ clerkName: '李娜', checkedByName: '陈静', failedCount: 1 })
    expect(qc.shiftId).not.toBeNull()
    const list = await callOk(desk.core, 'quality.list', { clerkId: desk.ids.Q1 }, s1)
    expect(list).toMatchObject({ myThisWeek: 1 })
    expect(list.rows).toHaveLength(1)
    await expect(desk.core.db.tx((w) => w.run('DELETE FROM quality_checks'))).rejects.toThrow(/append-only/)
    await expect(desk.core.db.tx((w) => w.run('UPDATE day_reviews SET remark = NULL'))).rejects.toThrow(/append-only/)
  })
})
