import { afterEach, describe, expect, it } from 'vitest'
import { callOk } from '../../electron/core/app'
import { FREE_FAILURES, MAX_FAILED } from '../../electron/core/auth/attempts'
import { pinEvaluations } from '../../electron/core/auth/pin'
import type { Result } from '../../shared/api/contract'
import { dayWithEntries, dutySnapshot, handoverReady, openDutyDesk, PIN, type DutyDesk } from '../helpers/duty'

/**
 * The PIN checks inside the duty desk (incoming clerk, supervisor's override, both signatures) and
 * the own-PIN change share the login's lock-out: the same parallel burst gets the same few guesses.
 */
let desk: DutyDesk
afterEach(async () => desk?.core.close())

const codes = (rs: Result<unknown>[]) => rs.map((r) => (r.ok ? 'OK' : r.error.code))
const count = (xs: string[], x: string) => xs.filter((y) => y === x).length
const fails = async (staffNo: string) =>
  (await desk.core.db.read.get<{ n: number }>(`SELECT count(*) AS n FROM pin_attempts WHERE staff_no = ? AND outcome = 'fail'`, [staffNo]))!.n

/** n wrong calls and the right one last, all at once; returns the codes and the PINs evaluated. */
async function burst(call: (pin: string) => Promise<Result<unknown>>, n: number) {
  const before = pinEvaluations.count
  const rs = await Promise.all([...Array.from({ length: n }, (_, i) => call(String(5000 + i))), call(PIN)])
  return { codes: codes(rs), last: rs[rs.length - 1], evaluated: pinEvaluations.count - before }
}

describe('PIN checks of the handover under parallel bursts', () => {
  it('incoming clerk: 200 wrong + the right PIN; 3 evaluated, nobody confirmed, and the login shares the count', async () => {
    desk = await openDutyDesk('2026-11-20 09:00')
    await dayWithEntries(desk)
    desk.clock.set('2026-12-01 15:15')
    const q1 = await desk.token('Q1')
    const started = await callOk(desk.core, 'handover.start', {}, q1)
    const before = await dutySnapshot(desk.core)
    const b = await burst((pin) => desk.core.call('handover.incoming', { id: started.id, staffNo: 'Q2', pin }, q1), 200)
    expect(b.evaluated).toBe(FREE_FAILURES)
    expect(count(b.codes, 'BAD_CREDENTIALS')).toBe(FREE_FAILURES)
    expect(count(b.codes, 'LOCKED')).toBe(201 - FREE_FAILURES)
    expect(b.last).toMatchObject({ ok: false, error: { code: 'LOCKED', field: 'pin' } })
    if (!b.last.ok) expect(b.last.error.message).toMatch(/^接班人PIN输错次数较多,请 \d+ 秒后再试$/)
    expect(await dutySnapshot(desk.core)).toBe(before)
    expect((await callOk(desk.core, 'handover.get', { id: started.id }, q1)).incoming).toBeNull()
    expect(await fails('Q2')).toBe(FREE_FAILURES)
    // Same staff number, same count: the login has to wait too.
    expect(await desk.core.call('auth.login', { staffNo: 'Q2', pin: PIN }, null)).toMatchObject({ ok: false, error: { code: 'LOCKED' } })
    // An unknown incoming number answers in the same words as a known one.
    desk.clock.add(20)
    const unknown = await desk.core.call('handover.incoming', { id: started.id, staffNo: 'ZZ9', pin: PIN }, q1)
    const known = await desk.core.call('handover.incoming', { id: started.id, staffNo: 'Q3', pin: '0000' }, q1)
    expect(unknown).toEqual(known)
    expect(known).toMatchObject({ ok: false, error: { code: 'BAD_CREDENTIALS', message: `接班人工号或PIN不正确,还可尝试 ${MAX_FAILED - 1} 次` } })
  })

  it("supervisor's override: a burst of wrong supervisor PINs gets 3 guesses", async () => {
    desk = await openDutyDesk('2026-11-20 09:00')
    await dayWithEntries(desk)
    desk.clock.set('2026-12-01 15:15')
    const q1 = await desk.token('Q1')
    const started = await callOk(desk.core, 'handover.start', {}, q1)
    const before = await dutySnapshot(desk.core)
    const override = (supervisorPin: string) => ({ supervisorStaffNo: 'S1', supervisorPin, reason: '顶班' })
    // Q3 is not rostered: each call confirms Q3 (right PIN) and then asks the supervisor's PIN.
    const b = await burst((pin) => desk.core.call('handover.incoming', { id: started.id, staffNo: 'Q3', pin: PIN, override: override(pin) }, q1), 40)
    expect(await fails('S1')).toBe(FREE_FAILURES)
    expect(await fails('Q3')).toBe(0)
    expect(b.evaluated).toBe(41 + FREE_FAILURES)
    expect(b.last).toMatchObject({ ok: false, error: { code: 'LOCKED', field: 'override.supervisorPin' } })
    expect(await dutySnapshot(desk.core)).toBe(before)
  })

  it('signatures: 200 wrong outgoing PINs + the right pair; nothing is signed', async () => {
    desk = await openDutyDesk('2026-11-20 09:00')
    const { q1, view } = await handoverReady(desk)
    const before = await dutySnapshot(desk.core)
    const b = await burst((pin) => desk.core.call('handover.sign', { id: view.id, outgoingPin: pin, incomingPin: PIN }, q1), 200)
    expect(b.evaluated).toBe(FREE_FAILURES)
    expect(b.last).toMatchObject({ ok: false, error: { code: 'LOCKED', field: 'outgoingPin' } })
    expect(await fails('Q1')).toBe(FREE_FAILURES)
    expect(await dutySnapshot(desk.core)).toBe(before)
    expect((await callOk(desk.core, 'handover.get', { id: view.id }, q1)).status).toBe('draft')
    // Waiting out the delay, the right pair signs.
    desk.clock.add(1)
    expect((await desk.core.call('handover.sign', { id: view.id, outgoingPin: PIN, incomingPin: PIN }, q1)).ok).toBe(true)
  })
})

describe('own PIN change and reset', () => {
  it('the old PIN of a PIN change is counted like any other; a burst gets 3 guesses', async () => {
    desk = await openDutyDesk('2026-11-20 09:00')
    const q1 = await desk.token('Q1')
    const b = await burst((oldPin) => desk.core.call('auth.changePin', { oldPin, newPin: '8642' }, q1), 200)
    expect(b.evaluated).toBe(FREE_FAILURES)
    expect(b.last).toMatchObject({ ok: false, error: { code: 'LOCKED', field: 'oldPin' } })
    expect(count(b.codes, 'BAD_CREDENTIALS')).toBe(FREE_FAILURES)
    // The PIN did not change.
    desk.clock.add(1)
    expect((await desk.core.call('auth.login', { staffNo: 'Q1', pin: PIN }, null)).ok).toBe(true)
    const wrong = await desk.core.call('auth.changePin', { oldPin: '0000', newPin: '8642' }, q1)
    expect(wrong).toMatchObject({ ok: false, error: { code: 'BAD_CREDENTIALS', field: 'oldPin', message: `原PIN不正确,还可尝试 ${MAX_FAILED - 1} 次` } })
    expect(await desk.core.call('auth.changePin', { oldPin: PIN, newPin: PIN }, q1)).toMatchObject({ ok: false, error: { code: 'RULE', field: 'newPin' } })
  })

  it('changing one’s PIN ends one’s other sessions, keeps this one; the old PIN stops working', async () => {
    desk = await openDutyDesk('2026-11-20 09:00')
    const here = await desk.token('Q1')
    const elsewhere = await desk.token('Q1')
    const other = await desk.token('Q2')
    await callOk(desk.core, 'auth.changePin', { oldPin: PIN, newPin: '8642' }, here)
    expect(await desk.core.call('auth.me', {}, elsewhere)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
    expect((await callOk(desk.core, 'auth.me', {}, here)).staff.staffNo).toBe('Q1')
    expect((await callOk(desk.core, 'auth.me', {}, other)).staff.staffNo).toBe('Q2')
    expect(await desk.core.call('auth.login', { staffNo: 'Q1', pin: PIN }, null)).toMatchObject({ ok: false, error: { code: 'BAD_CREDENTIALS' } })
    expect((await desk.core.call('auth.login', { staffNo: 'Q1', pin: '8642' }, null)).ok).toBe(true)
  })

  it('a reset by the administrator ends every session of that person and lifts the lock', async () => {
    desk = await openDutyDesk('2026-11-20 09:00')
    const admin = await desk.token('admin')
    const a = await desk.token('Q1')
    const b = await desk.token('Q1')
    for (let i = 0; i < MAX_FAILED; i++) {
      await desk.core.call('auth.login', { staffNo: 'Q1', pin: '0000' }, null)
      desk.clock.add(1)
    }
    const locked = (await callOk(desk.core, 'staff.list', {}, admin)).find((s) => s.staffNo === 'Q1')!
    expect(locked.lockedUntil).not.toBeNull()
    await callOk(desk.core, 'staff.resetPin', { id: desk.ids.Q1, pin: '97531' }, admin)
    for (const t of [a, b]) expect(await desk.core.call('auth.me', {}, t)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
    expect((await callOk(desk.core, 'staff.list', {}, admin)).find((s) => s.staffNo === 'Q1')!.lockedUntil).toBeNull()
    expect(await desk.core.call('auth.login', { staffNo: 'Q1', pin: PIN }, null)).toMatchObject({ ok: false, error: { code: 'BAD_CREDENTIALS', message: `工号或PIN不正确,还可尝试 ${MAX_FAILED - 1} 次` } })
    expect((await desk.core.call('auth.login', { staffNo: 'Q1', pin: '97531' }, null)).ok).toBe(true)
    // The administrator's own session is untouched.
    expect((await callOk(desk.core, 'auth.me', {}, admin)).staff.staffNo).toBe('admin')
  })

  it('the attempts are records of fact: the database refuses to edit or delete them', async () => {
    desk = await openDutyDesk('2026-11-20 09:00')
    await desk.core.call('auth.login', { staffNo: 'Q1', pin: '0000' }, null)
    await expect(desk.core.db.tx((w) => w.run(`UPDATE pin_attempts SET outcome = 'ok'`))).rejects.toThrow(/append-only/)
    await expect(desk.core.db.tx((w) => w.run(`DELETE FROM pin_attempts`))).rejects.toThrow(/append-only/)
    const row = await desk.core.db.read.get<Record<string, unknown>>(`SELECT * FROM pin_attempts`)
    expect(row).toMatchObject({ staff_no: 'Q1', staff_id: desk.ids.Q1, purpose: 'login', outcome: 'fail', terminal_id: 'T-TEST' })
    expect(String(row!.id)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7/)
  })
})
