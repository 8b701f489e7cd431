import type sqlite3 from 'sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { callOk } from '../../electron/core/app'
import { pdfText } from '../helpers/pdf'
import { addNightShift, dutySnapshot, expectRefused, makeRoster, openDutyDesk, PIN, type DutyDesk } from '../helpers/duty'

let desk: DutyDesk
afterEach(async () => desk?.core.close())

/** Counts every custody item on one side at what the desk should hold (cash as given). */
async function countAll(id: string, side: 'outgoing' | 'incoming', token: string, cash?: number) {
  let v = await callOk(desk.core, 'handover.get', { id }, token)
  for (const c of v.counts) v = await callOk(desk.core, 'handover.count', { id, itemCode: c.code, side, count: c.code === 'cash' && cash !== undefined ? cash : c.expected }, token)
  return v
}

/**
 * The seeds' day: 李娜 早班 07:30–15:30, 王芳 中班 09:30–17:30, 张伟 晚班 12:00–20:00 on 12-01;
 * 李娜 早班 again on 12-02.
 */
async function seedsDay() {
  desk = await openDutyDesk('2026-11-20 09:00')
  await makeRoster(desk, '2026-12', [
    ['2026-12-01', 'Q1', 'early'],
    ['2026-12-01', 'Q2', 'middle'],
    ['2026-12-01', 'Q3', 'late'],
    ['2026-12-02', 'Q1', 'early'],
  ])
  desk.clock.set('2026-12-01 07:25')
  const q1 = await desk.token('Q1')
  await callOk(desk.core, 'duty.start', {}, q1)
  desk.clock.set('2026-12-01 09:20')
  const q2 = await desk.token('Q2')
  await callOk(desk.core, 'duty.start', {}, q2)
  desk.clock.set('2026-12-01 11:50')
  const q3 = await desk.token('Q3')
  await callOk(desk.core, 'duty.start', {}, q3)
  return { q1, q2, q3 }
}

describe('several clerks on duty (the seeds: 早班, 中班, 晚班 overlap)', () => {
  it('each clerk logs under their own shift; the first holds custody; handovers pass items and custody to a clerk on duty', async () => {
    const { q1, q2, q3 } = await seedsDay()
    const cur = await callOk(desk.core, 'duty.current', {}, q2)
    expect(cur.onDuty.map((s) => [s.staffName, s.shiftName, s.custody])).toEqual([
      ['李娜', '早班', true],
      ['王芳', '中班', false],
      ['张伟', '晚班', false],
    ])
    expect(cur.shift).toMatchObject({ staffName: '王芳', custody: false })

    desk.clock.set('2026-12-01 12:10')
    const repair = await callOk(desk.core, 'log.add', { kind: 'repair', content: '3栋1502卫生间漏水', status: 'pending' }, q1)
    const parcel = await callOk(desk.core, 'log.add', { kind: 'visit', content: '快递代收待业主来取', status: 'pending' }, q2)
    const call = await callOk(desk.core, 'log.add', { kind: 'call', content: '咨询停车月卡', action: '已解答' }, q3)
    expect([repair, parcel, call].map((e) => [e.recordedByName, e.shiftName, e.holderName])).toEqual([
      ['李娜', '早班', '李娜'],
      ['王芳', '中班', '王芳'],
      ['张伟', '晚班', '张伟'],
    ])

    // 15:15 李娜 (custodian) hands over to 王芳, who is on duty: only 李娜's items; the desk's items with her custody.
    desk.clock.set('2026-12-01 15:15')
    expectRefused(await desk.core.call('handover.start', { kind: 'dayClose' }, q1), 'RULE', 'kind', '仍在值班')
    let v = await callOk(desk.core, 'handover.start', {}, q1)
    expect(v).toMatchObject({ kind: 'shift', step: 'handover', custody: true })
    expect(v.pending.map((p) => p.entry.id)).toEqual([repair.id])
    expect(v.checklist.length).toBeGreaterThan(0)
    expectRefused(await desk.core.call('handover.ack', { id: v.id, entryId: parcel.id }, q1), 'RULE', 'incoming')
    v = await callOk(desk.core, 'handover.incoming', { id: v.id, staffNo: 'Q2', pin: PIN }, q1)
    expect(v.incoming).toMatchObject({ name: '王芳', shiftName: '中班', onDuty: true, rostered: true })
    expectRefused(await desk.core.call('handover.ack', { id: v.id, entryId: parcel.id }, q1), 'RULE', 'entryId', '不由交班人移交')
    v = await callOk(desk.core, 'handover.ack', { id: v.id, entryId: repair.id }, q1)
    for (const c of v.checklist) v = await callOk(desk.core, 'handover.check', { id: v.id, itemCode: c.code, ok: true }, q1)
    await countAll(v.id, 'outgoing', q1)
    v = await countAll(v.id, 'incoming', q1)
    expect(v.problems).toEqual([])
    const signed = await callOk(desk.core, 'handover.sign', { id: v.id, outgoingPin: PIN, incomingPin: PIN }, q1)
    // 王芳 keeps her own shift (no second one) and now holds custody; 李娜's shift is closed and locked.
    expect(signed.newShift).toMatchObject({ id: cur.shift!.id, staffName: '王芳', custody: true, openedByHandoverId: null, status: 'open' })
    expect(signed.handover).toMatchObject({ status: 'signed', seq: 1, incoming: { onDuty: true }, integrity: { ok: true } })
    const after = await callOk(desk.core, 'duty.current', {}, q2)
    expect(after.onDuty.map((s) => [s.staffName, s.custody])).toEqual([
      ['王芳', true],
      ['张伟', false],
    ])
    expect(await callOk(desk.core, 'log.get', { id: repair.id }, q2)).toMatchObject({ locked: true, holderName: '王芳' })
    expectRefused(await desk.core.call('log.add', { kind: 'call', content: '交班后又记一条' }, q1), 'RULE', 'shift', '没有值班班次')

    // 张伟 (no custody) cannot close the desk; 王芳 hands over to him at 17:15 with custody: her item and the one taken over.
    desk.clock.set('2026-12-01 17:15')
    expectRefused(await desk.core.call('handover.start', { kind: 'dayClose' }, q3), 'RULE', 'kind', '仍在值班')
    let w = await callOk(desk.core, 'handover.start', {}, q2)
    expect(w.pending.map((p) => p.entry.id).sort()).toEqual([repair.id, parcel.id].sort())
    w = await callOk(desk.core, 'handover.incoming', { id: w.id, staffNo: 'Q3', pin: PIN }, q2)
    for (const p of w.pending) w = await callOk(desk.core, 'handover.ack', { id: w.id, entryId: p.entry.id }, q2)
    for (const c of w.checklist) w = await callOk(desk.core, 'handover.check', { id: w.id, itemCode: c.code, ok: true }, q2)
    await countAll(w.id, 'outgoing', q2)
    await countAll(w.id, 'incoming', q2)
    const second = await callOk(desk.core, 'handover.sign', { id: w.id, outgoingPin: PIN, incomingPin: PIN }, q2)
    expect(second.newShift).toMatchObject({ staffName: '张伟', custody: true })
    expect(await callOk(desk.core, 'handover.verify', {}, await desk.token('S1'))).toEqual({ ok: true, checked: 2, broken: [] })
    const list = await callOk(desk.core, 'handover.list', {}, q3)
    expect(list.rows.map((r) => [r.outgoingName, r.incomingName, r.kind, r.custody])).toEqual([
      ['王芳', '张伟', 'shift', true],
      ['李娜', '王芳', 'shift', true],
    ])
  })

  it('a clerk without custody hands over only their open items: no counts, no checklist', async () => {
    const { q1, q2 } = await seedsDay()
    desk.clock.set('2026-12-01 10:00')
    const mine = await callOk(desk.core, 'log.add', { kind: 'complaint', content: '业主投诉电梯异响', status: 'pending' }, q2)
    desk.clock.set('2026-12-01 17:20')
    // 李娜 (custodian, 早班 ended 15:30) is now overdue; 王芳 hands her item to 张伟, not the desk.
    expect((await callOk(desk.core, 'shift.overdue', {}, await desk.token('S1'))).map((o) => o.staffName)).toEqual(['李娜'])
    let v = await callOk(desk.core, 'handover.start', {}, q2)
    expect(v).toMatchObject({ custody: false, checklist: [], counts: [] })
    expect(v.pending.map((p) => p.entry.id)).toEqual([mine.id])
    v = await callOk(desk.core, 'handover.incoming', { id: v.id, staffNo: 'Q3', pin: PIN }, q2)
    expect(v.problems.map((p) => p.field)).toEqual([`pending.${mine.id}`])
    v = await callOk(desk.core, 'handover.ack', { id: v.id, entryId: mine.id }, q2)
    const signed = await callOk(desk.core, 'handover.sign', { id: v.id, outgoingPin: PIN, incomingPin: PIN }, q2)
    expect(signed.newShift).toMatchObject({ staffName: '张伟', custody: false })
    const cur = await callOk(desk.core, 'duty.current', {}, q1)
    expect(cur.onDuty.find((s) => s.custody)?.staffName).toBe('李娜')
    // 李娜 names 张伟 (晚班 until 20:00) at 19:55 but signs only at 20:05: his shift is over, he cannot take over.
    desk.clock.set('2026-12-01 19:55')
    let late = await callOk(desk.core, 'handover.start', {}, q1)
    late = await callOk(desk.core, 'handover.incoming', { id: late.id, staffNo: 'Q3', pin: PIN }, q1)
    for (const c of late.checklist) late = await callOk(desk.core, 'handover.check', { id: late.id, itemCode: c.code, ok: true }, q1)
    await countAll(late.id, 'outgoing', q1)
    await countAll(late.id, 'incoming', q1)
    desk.clock.set('2026-12-01 20:05')
    const before = await dutySnapshot(desk.core)
    expectRefused(await desk.core.call('handover.sign', { id: late.id, outgoingPin: PIN, incomingPin: PIN }, q1), 'RULE', 'incoming', '班次已结束')
    expect(await dutySnapshot(desk.core)).toBe(before)
    expect(await callOk(desk.core, 'handover.verify', {}, await desk.token('S1'))).toMatchObject({ ok: true, checked: 1 })
  })
})

describe('end of day at a site without night duty (闭店 and the morning acceptance)', () => {
  it('the last clerk closes the desk alone; nothing is overdue overnight; the next morning the first clerk accepts with her PIN', async () => {
    const { q1, q2, q3 } = await seedsDay()
    desk.clock.set('2026-12-01 13:00')
    const open = await callOk(desk.core, 'log.add', { kind: 'repair', content: '5栋门禁故障待厂家维修', status: 'pending' }, q3)
    // 李娜 and 王芳 hand over to 张伟 (the last of the day).
    for (const [t, at] of [
      [q1, '2026-12-01 15:20'],
      [q2, '2026-12-01 17:20'],
    ] as const) {
      desk.clock.set(at)
      let v = await callOk(desk.core, 'handover.start', {}, t)
      v = await callOk(desk.core, 'handover.incoming', { id: v.id, staffNo: 'Q3', pin: PIN }, t)
      for (const p of v.pending) v = await callOk(desk.core, 'handover.ack', { id: v.id, entryId: p.entry.id }, t)
      for (const c of v.checklist) v = await callOk(desk.core, 'handover.check', { id: v.id, itemCode: c.code, ok: true }, t)
      await countAll(v.id, 'outgoing', t)
      await countAll(v.id, 'incoming', t)
      await callOk(desk.core, 'handover.sign', { id: v.id, outgoingPin: PIN, incomingPin: PIN }, t)
    }

    // 19:50 张伟 closes: checklist and counts by him, no incoming clerk.
    desk.clock.set('2026-12-01 19:50')
    let c = await callOk(desk.core, 'handover.start', { kind: 'dayClose' }, q3)
    expect(c).toMatchObject({ kind: 'dayClose', step: 'close', custody: true })
    expect(c.pending.map((p) => p.entry.id)).toEqual([open.id])
    expect(c.problems.some((p) => p.field === 'incoming' || p.field.startsWith('pending.'))).toBe(false)
    expectRefused(await desk.core.call('handover.incoming', { id: c.id, staffNo: 'Q1', pin: PIN }, q3), 'RULE', 'incoming', '次日第一位值班员')
    expectRefused(await desk.core.call('handover.count', { id: c.id, itemCode: 'cash', side: 'incoming', count: 50000 }, q3), 'RULE', 'side')
    for (const l of c.checklist) c = await callOk(desk.core, 'handover.check', { id: c.id, itemCode: l.code, ok: true }, q3)
    c = await countAll(c.id, 'outgoing', q3, 49000)
    expect(c.problems).toEqual([{ field: 'counts.cash.explanation', message: expect.stringContaining('交班清点 490.00 元') }])
    c = await callOk(desk.core, 'handover.explain', { id: c.id, itemCode: 'cash', explanation: '垫付快递费10元,有收据' }, q3)
    expectRefused(await desk.core.call('handover.sign', { id: c.id }, q3), 'RULE', 'outgoingPin', '交班人PIN不能为空')
    expectRefused(await desk.core.call('handover.sign', { id: c.id, outgoingPin: '0000' }, q3), 'BAD_CREDENTIALS', 'outgoingPin')
    desk.clock.set('2026-12-01 20:02')
    const closed = await callOk(desk.core, 'handover.sign', { id: c.id, outgoingPin: PIN }, q3)
    expect(closed).toMatchObject({ newShift: null, incomingSession: null, handover: { status: 'closed', step: 'accept', seq: null } })
    expect(closed.escalatedEntryIds).toHaveLength(1)
    // The closing prints (before the morning) with room for handwritten signatures and the supervisor's review.
    const paper = await callOk(desk.core, 'print.handover', { id: c.id }, q3)
    const text = (await pdfText(Buffer.from(paper.pdfBase64, 'base64'))).join('\n')
    for (const w of ['交接班记录表', '闭店交接', '闭店人', '待次日第一位值班员接收', '手写签名', '客服主管审阅', '审阅意见', '垫付快递费10元']) expect(text).toContain(w)

    // Overnight: nobody on duty, nothing overdue; the closing waits.
    desk.clock.set('2026-12-02 03:00')
    const s1 = await desk.token('S1')
    expect(await callOk(desk.core, 'shift.overdue', {}, s1)).toEqual([])
    const night = await callOk(desk.core, 'duty.current', {}, s1)
    expect(night).toMatchObject({ onDuty: [], awaitingClose: { id: c.id, outgoingName: '张伟' } })
    // The closing's outgoing side is fixed, in the API and in the database.
    expectRefused(await desk.core.call('handover.count', { id: c.id, itemCode: 'cash', side: 'outgoing', count: 50000 }, await desk.token('Q3')), 'RULE', 'side', '闭店清点已签字')
    await expect(desk.core.db.tx((w) => w.run(`UPDATE handover_counts SET outgoing_count = 50000 WHERE handover_id = ?`, [c.id]))).rejects.toThrow(/closing count/)
    await expect(desk.core.db.tx((w) => w.run(`UPDATE handovers SET checklist = '[]' WHERE id = ?`, [c.id]))).rejects.toThrow(/outgoing side/)

    // 07:20 李娜: starting is refused until she accepts the closing.
    desk.clock.set('2026-12-02 07:20')
    const q1b = await desk.token('Q1')
    expectRefused(await desk.core.call('duty.start', {}, q1b), 'RULE', 'handover', '闭店交接')
    let a = await callOk(desk.core, 'handover.incoming', { id: c.id, staffNo: 'Q1', pin: PIN }, q1b)
    expect(a.incoming).toMatchObject({ name: '李娜', date: '2026-12-02', shiftName: '早班', onDuty: false })
    expectRefused(await desk.core.call('handover.check', { id: c.id, itemCode: a.checklist[0].code, ok: false, note: 'x' }, q1b), 'RULE', 'itemCode', '已签字')
    expectRefused(await desk.core.call('handover.ack', { id: c.id, entryId: open.id }, await desk.token('Q2')), 'FORBIDDEN', 'id')
    // The open repair and the closing's escalated cash difference both pass to her.
    expect(a.pending.map((p) => p.entry.id)).toEqual([open.id, closed.escalatedEntryIds[0]])
    for (const p of a.pending) a = await callOk(desk.core, 'handover.ack', { id: c.id, entryId: p.entry.id }, q1b)
    a = await countAll(c.id, 'incoming', q1b, 48000)
    // Her count differs from the closer's: she must explain it herself; the closer's explanation stays.
    expect(a.problems).toEqual([{ field: 'counts.cash.explanation', message: expect.stringContaining('接班清点 480.00 元') }])
    a = await callOk(desk.core, 'handover.explain', { id: c.id, itemCode: 'cash', explanation: '抽屉少10元,已报主管' }, q1b)
    expect(a.counts.find((x) => x.code === 'cash')!.explanation).toBe('垫付快递费10元,有收据;接班说明:抽屉少10元,已报主管')
    // The screen sends the whole box again when she edits it: the closer's words stay once.
    a = await callOk(desk.core, 'handover.explain', { id: c.id, itemCode: 'cash', explanation: '垫付快递费10元,有收据;接班说明:抽屉少10元,已报主管陈静' }, q1b)
    expect(a.counts.find((x) => x.code === 'cash')!.explanation).toBe('垫付快递费10元,有收据;接班说明:抽屉少10元,已报主管陈静')
    expectRefused(await desk.core.call('handover.explain', { id: c.id, itemCode: 'cash', explanation: '垫付快递费10元,有收据' }, q1b), 'RULE', 'explanation', '接班清点')
    expect(a.problems).toEqual([])
    desk.clock.set('2026-12-02 07:28')
    const accepted = await callOk(desk.core, 'handover.sign', { id: c.id, incomingPin: PIN }, q1b)
    expect(accepted.handover).toMatchObject({ status: 'signed', seq: 3, integrity: { ok: true } })
    expect(accepted.newShift).toMatchObject({ staffName: '李娜', date: '2026-12-02', custody: true, openedByHandoverId: c.id })
    expect(accepted.escalatedEntryIds).toHaveLength(1)
    expect(await callOk(desk.core, 'log.get', { id: accepted.escalatedEntryIds[0] }, q1b)).toMatchObject({ shiftId: accepted.newShift!.id, locked: false, state: 'escalated' })
    expect(await callOk(desk.core, 'log.get', { id: open.id }, q1b)).toMatchObject({ holderName: '李娜' })
    expect(await callOk(desk.core, 'handover.verify', {}, s1)).toEqual({ ok: true, checked: 3, broken: [] })
    expect((await callOk(desk.core, 'duty.current', {}, q1b)).awaitingClose).toBeNull()
  })

  it('a closing is refused while someone else came on duty, and signs nothing', async () => {
    desk = await openDutyDesk('2026-11-20 09:00')
    await makeRoster(desk, '2026-12', [
      ['2026-12-01', 'Q1', 'early'],
      ['2026-12-01', 'Q2', 'late'],
    ])
    desk.clock.set('2026-12-01 07:25')
    const q1 = await desk.token('Q1')
    await callOk(desk.core, 'duty.start', {}, q1)
    desk.clock.set('2026-12-01 11:00')
    let c = await callOk(desk.core, 'handover.start', { kind: 'dayClose' }, q1)
    for (const l of c.checklist) c = await callOk(desk.core, 'handover.check', { id: c.id, itemCode: l.code, ok: true }, q1)
    await countAll(c.id, 'outgoing', q1)
    await callOk(desk.core, 'duty.start', {}, await desk.token('Q2'))
    const before = await dutySnapshot(desk.core)
    expectRefused(await desk.core.call('handover.sign', { id: c.id, outgoingPin: PIN }, q1), 'RULE', 'kind', '王芳 已在值班')
    expect(await dutySnapshot(desk.core)).toBe(before)
    // Switching the draft to a handover to 王芳 replaces it.
    const h = await callOk(desk.core, 'handover.start', { kind: 'shift' }, q1)
    expect(h.id).not.toBe(c.id)
    expect(h.kind).toBe('shift')
  })
})

describe('night duty, and the doors of the log', () => {
  it("a night shift's 02:10 entry belongs to the shift's date in the log and its date filter", async () => {
    desk = await openDutyDesk('2026-11-20 09:00')
    await addNightShift(desk)
    await makeRoster(desk, '2026-12', [['2026-12-01', 'Q3', 'night']])
    desk.clock.set('2026-12-01 21:55')
    const q3 = await desk.token('Q3')
    await callOk(desk.core, 'duty.start', {}, q3)
    desk.clock.set('2026-12-02 02:10')
    const e = await callOk(desk.core, 'log.add', { kind: 'patrol', content: '地下车库B2照明故障' }, q3)
    expect(e.shiftDate).toBe('2026-12-01')
    const on = (d: string) => callOk(desk.core, 'log.list', { from: d, to: d }, q3)
    expect((await on('2026-12-01')).rows.map((r) => r.id)).toEqual([e.id])
    expect((await on('2026-12-02')).rows).toEqual([])
    // The day's printed log carries it, with its calendar date shown beside the time.
    const pdf = await callOk(desk.core, 'print.dayLog', { date: '2026-12-01' }, q3)
    const text = (await pdfText(Buffer.from(pdf.pdfBase64, 'base64'))).join('\n')
    expect(text).toContain('地下车库B2照明故障')
    expect(text).toContain('12-02 02:10')
    expect(text).toContain('客服主管审阅')
    const next = await callOk(desk.core, 'print.dayLog', { date: '2026-12-02' }, q3)
    expect((await pdfText(Buffer.from(next.pdfBase64, 'base64'))).join('\n')).not.toContain('地下车库B2照明故障')
  })

  it('a back-dated entry cannot be inserted into (or moved into) a shift that was handed over', async () => {
    const { q1 } = await seedsDay()
    desk.clock.set('2026-12-01 15:15')
    let v = await callOk(desk.core, 'handover.start', {}, q1)
    v = await callOk(desk.core, 'handover.incoming', { id: v.id, staffNo: 'Q2', pin: PIN }, q1)
    for (const l of v.checklist) v = await callOk(desk.core, 'handover.check', { id: v.id, itemCode: l.code, ok: true }, q1)
    await countAll(v.id, 'outgoing', q1)
    await countAll(v.id, 'incoming', q1)
    const signed = await callOk(desk.core, 'handover.sign', { id: v.id, outgoingPin: PIN, incomingPin: PIN }, q1)
    const closedShift = signed.handover.outgoingShift.id
    const q2 = signed.incomingSession!.token
    const other = await callOk(desk.core, 'log.add', { kind: 'call', content: '王芳记录的来电' }, q2)
    const meta = `'2026-12-01T03:00:00.000Z', '2026-12-01T03:00:00.000Z', 'x'`
    await expect(
      desk.core.db.tx((w) =>
        w.run(`INSERT INTO log_entries (id, created_at, updated_at, terminal_id, shift_id, at, kind, content, status, recorded_by) VALUES ('bd1', ${meta}, ?, '2026-12-01T02:00:00.000Z', 'call', '补记', 'done', ?)`, [
          closedShift,
          desk.ids.Q1,
        ]),
      ),
    ).rejects.toThrow(/handed over/)
    await expect(desk.core.db.tx((w) => w.run(`UPDATE log_entries SET shift_id = ? WHERE id = ?`, [closedShift, other.id]))).rejects.toThrow(/stays in its shift/)
    expect(await callOk(desk.core, 'handover.verify', {}, await desk.token('S1'))).toMatchObject({ ok: true })
  })

  it('a search with NUL or FTS5 syntax answers (escaped), never a 500', async () => {
    const { q1 } = await seedsDay()
    const e = await callOk(desk.core, 'log.add', { kind: 'repair', content: '卫生间漏水 "紧急" OR NEAR' }, q1)
    for (const q of ['漏水\u0000漏水', '\u0000', '"紧急"', '卫生间 OR', 'NEAR(卫生间 漏水)', '卫生*', 'content:卫生间', '^卫生间', '漏水)', '"']) {
      const r = await desk.core.call('log.list', { q }, q1)
      expect(r.ok, `${JSON.stringify(q)} → ${JSON.stringify(r)}`).toBe(true)
    }
    expect((await callOk(desk.core, 'log.list', { q: '卫生间\u0000漏水' }, q1)).rows.map((r) => r.id)).toEqual([e.id])
    expect((await callOk(desk.core, 'log.list', { q: '"紧急" OR' }, q1)).rows.map((r) => r.id)).toEqual([e.id])
  })

  it('a save answers with the record from the write that saved it, even when the reader is behind', async () => {
    const { q1 } = await seedsDay()
    // Hold a read snapshot open on the reader connection (as a long list query would).
    const reader = (desk.core.db as unknown as { rconn: sqlite3.Database }).rconn
    const exec = (sql: string) => new Promise<void>((res, rej) => reader.exec(sql, (e) => (e ? rej(e) : res())))
    await exec('BEGIN')
    await new Promise<void>((res, rej) => reader.get('SELECT count(*) FROM log_entries', (e) => (e ? rej(e) : res())))
    try {
      const saved = await callOk(desk.core, 'log.add', { kind: 'call', content: '业主来电咨询物业费' }, q1)
      expect(saved).toMatchObject({ content: '业主来电咨询物业费', recordedByName: '李娜' })
      const fixed = await callOk(desk.core, 'log.update', { id: saved.id, kind: 'call', content: '业主来电咨询物业费缴纳方式' }, q1)
      expect(fixed.content).toBe('业主来电咨询物业费缴纳方式')
      const note = await callOk(desk.core, 'log.followUp', { id: saved.id, note: '已回电' }, q1)
      expect(note.followUps).toHaveLength(1)
    } finally {
      await exec('COMMIT')
    }
  })
})
