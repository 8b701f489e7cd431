import { afterEach, describe, expect, it, vi } from 'vitest'
import { callOk } from '../../electron/core/app'
import { chainHash, digestsOf } from '../../electron/core/duty/handoverChain'
import { dutySnapshot, handoverReady, openDutyDesk, PIN, type DutyDesk } from '../helpers/duty'

let desk: DutyDesk
afterEach(async () => desk?.core.close())

describe('handover — restart, atomic sign, hash chain', () => {
  it('resumes after the app is killed mid-handover: every step was saved as it happened', async () => {
    desk = await openDutyDesk('2026-11-20 09:00')
    const { q1, view, repair } = await handoverReady(desk, { acks: true, checks: true, counts: true })
    await callOk(desk.core, 'handover.ask', { id: view.id, entryId: repair.id, question: '配件到了吗?' }, q1)
    await callOk(desk.core, 'handover.ack', { id: view.id, entryId: repair.id }, q1)
    await callOk(desk.core, 'handover.check', { id: view.id, itemCode: view.checklist[0].code, ok: true }, q1)
    await callOk(desk.core, 'handover.count', { id: view.id, itemCode: 'cash', side: 'outgoing', count: 50000 }, q1)
    const before = await dutySnapshot(desk.core)

    await desk.reopen() // a new core on the same data folder: sessions are gone, the records are not
    expect(await desk.core.call('duty.current', {}, q1)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
    expect(await dutySnapshot(desk.core)).toBe(before)
    const again = await desk.token('Q1')
    const cur = await callOk(desk.core, 'duty.current', {}, again)
    expect(cur.handover).toMatchObject({ id: view.id, incomingName: '王芳' })
    let v = await callOk(desk.core, 'handover.start', {}, again)
    expect(v.id).toBe(view.id)
    expect(v.incoming?.name).toBe('王芳')
    expect(v.pending.find((p) => p.entry.id === repair.id)).toMatchObject({ ack: { staffName: '王芳' }, questions: [{ question: '配件到了吗?' }] })
    expect(v.checklist[0].ok).toBe(true)
    expect(v.checklist[1].ok).toBeNull()
    expect(v.counts.find((c) => c.code === 'cash')).toMatchObject({ outgoing: 50000, incoming: null })

    for (const p of v.pending.filter((x) => !x.ack)) v = await callOk(desk.core, 'handover.ack', { id: v.id, entryId: p.entry.id }, again)
    for (const c of v.checklist.filter((x) => x.ok === null)) v = await callOk(desk.core, 'handover.check', { id: v.id, itemCode: c.code, ok: true }, again)
    for (const c of v.counts) {
      if (c.outgoing == null) v = await callOk(desk.core, 'handover.count', { id: v.id, itemCode: c.code, side: 'outgoing', count: c.expected }, again)
      v = await callOk(desk.core, 'handover.count', { id: v.id, itemCode: c.code, side: 'incoming', count: c.expected }, again)
    }
    const signed = await callOk(desk.core, 'handover.sign', { id: v.id, outgoingPin: PIN, incomingPin: PIN }, again)
    expect(signed.handover).toMatchObject({ status: 'signed', integrity: { ok: true } })
  })

  it('the final sign is one transaction: a failure half-way leaves nothing half-signed', async () => {
    desk = await openDutyDesk('2026-11-20 09:00')
    const { q1, view } = await handoverReady(desk)
    await callOk(desk.core, 'handover.count', { id: view.id, itemCode: 'radio', side: 'incoming', count: 1 }, q1)
    await callOk(desk.core, 'handover.explain', { id: view.id, itemCode: 'radio', explanation: '一台送修' }, q1)
    const before = await dutySnapshot(desk.core)
    // Make the step that opens the next shift fail, after the difference entry and the locks were written.
    await desk.core.db.tx((w) => w.exec(`CREATE TRIGGER test_boom BEFORE INSERT ON duty_shifts BEGIN SELECT RAISE(ABORT, 'boom'); END`))
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => undefined)
    const r = await desk.core.call('handover.sign', { id: view.id, outgoingPin: PIN, incomingPin: PIN }, q1)
    quiet.mockRestore()
    expect(r).toMatchObject({ ok: false, error: { code: 'INTERNAL' } })
    expect(await dutySnapshot(desk.core)).toBe(before)
    expect(await desk.core.db.read.all(`SELECT 1 FROM audit_events WHERE action = 'handover.sign'`)).toHaveLength(0)
    await desk.core.db.tx((w) => w.exec('DROP TRIGGER test_boom'))
    const ok = await callOk(desk.core, 'handover.sign', { id: view.id, outgoingPin: PIN, incomingPin: PIN }, q1)
    expect(ok.escalatedEntryIds).toHaveLength(1)
  })

  it('a change made outside the app to a signed handover is detected and shown', async () => {
    desk = await openDutyDesk('2026-11-20 09:00')
    const { q1, view } = await handoverReady(desk)
    const first = await callOk(desk.core, 'handover.sign', { id: view.id, outgoingPin: PIN, incomingPin: PIN }, q1)
    // Second handover: 王芳 (late) → 李娜 is not rostered at 19:50, so 张伟 with an override.
    desk.clock.set('2026-12-01 19:50')
    const q2 = await desk.token('Q2')
    let v = await callOk(desk.core, 'handover.start', {}, q2)
    v = await callOk(desk.core, 'handover.incoming', { id: v.id, staffNo: 'Q3', pin: PIN, override: { supervisorStaffNo: 'S1', supervisorPin: PIN, reason: '夜间值守' } }, q2)
    for (const p of v.pending) v = await callOk(desk.core, 'handover.ack', { id: v.id, entryId: p.entry.id }, q2)
    for (const c of v.checklist) v = await callOk(desk.core, 'handover.check', { id: v.id, itemCode: c.code, ok: true }, q2)
    for (const c of v.counts) {
      v = await callOk(desk.core, 'handover.count', { id: v.id, itemCode: c.code, side: 'outgoing', count: c.expected }, q2)
      v = await callOk(desk.core, 'handover.count', { id: v.id, itemCode: c.code, side: 'incoming', count: c.expected }, q2)
    }
    const second = await callOk(desk.core, 'handover.sign', { id: v.id, outgoingPin: PIN, incomingPin: PIN }, q2)
    const s1 = await desk.token('S1')
    expect(await callOk(desk.core, 'handover.verify', {}, s1)).toEqual({ ok: true, checked: 2, broken: [] })

    // Someone drops the triggers and edits the first handover's count and its override reason with raw SQL.
    await desk.core.db.tx(async (w) => {
      await w.exec('DROP TRIGGER handover_counts_signed_no_update; DROP TRIGGER handovers_signed_no_update')
      await w.run(`UPDATE handover_counts SET incoming_count = 40000 WHERE handover_id = ? AND item_code = 'cash'`, [first.handover.id])
    })
    let report = await callOk(desk.core, 'handover.verify', {}, s1)
    expect(report.ok).toBe(false)
    expect(report.broken).toEqual([{ id: first.handover.id, seq: 1, no: '1', signedAt: first.handover.signedAt, reason: expect.stringContaining('物品清点') }])
    const shown = await callOk(desk.core, 'handover.get', { id: first.handover.id }, s1)
    expect(shown.integrity).toMatchObject({ ok: false, reason: expect.stringContaining('内容被改动:物品清点') })
    const list = await callOk(desk.core, 'handover.list', {}, s1)
    expect(list.rows.map((r) => [r.id, r.intact])).toEqual([
      [second.handover.id, true],
      [first.handover.id, false],
    ])

    // An edit of the last record with a bad hash: the seal and the part are named.
    await desk.core.db.tx((w) => w.run(`UPDATE handovers SET override_reason = '改过', hash = ? WHERE id = ?`, ['f'.repeat(64), second.handover.id]))
    report = await callOk(desk.core, 'handover.verify', {}, s1)
    expect(report.broken.map((b) => b.seq)).toEqual([1, 2])
    expect(report.broken[1].reason).toMatch(/签字哈希与记录不符.*交接班主记录.*审计日志/)

    // Even re-sealing it properly (digests and hash recomputed) does not hide it: the audit trail holds the signed hash.
    await desk.core.db.tx(async (w) => {
      const digests = JSON.stringify(await digestsOf(w, second.handover.id))
      const row = (await w.get<{ prev_hash: string; seq: number }>('SELECT prev_hash, seq FROM handovers WHERE id = ?', [second.handover.id]))!
      await w.run('UPDATE handovers SET digests = ?, hash = ? WHERE id = ?', [digests, chainHash(row.prev_hash, row.seq, digests), second.handover.id])
    })
    report = await callOk(desk.core, 'handover.verify', {}, s1)
    expect(report.broken.map((b) => [b.seq, b.reason])).toEqual([
      [1, expect.stringContaining('物品清点')],
      [2, '与审计日志中的签字记录不符'],
    ])
  })
})
