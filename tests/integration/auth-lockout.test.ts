import { afterEach, describe, expect, it } from 'vitest'
import { callOk, type Core } from '../../electron/core/app'
import { FREE_FAILURES, LOCK_MINUTES, MAX_FAILED, TERMINAL_FREE, TERMINAL_WINDOW_MINUTES } from '../../electron/core/auth/attempts'
import { pinEvaluations } from '../../electron/core/auth/pin'
import type { Result } from '../../shared/api/contract'
import { freshCore, setUpSite } from '../helpers/core'

/**
 * The parallel guessing attack: before, 200 parallel logins were all evaluated (the lock was read
 * outside the write) and the right PIN among them logged in. Now the count is read, checked and
 * written in the one write queue, so a burst gets FREE_FAILURES evaluations and then waits.
 */
let core: Core
afterEach(async () => core?.close())

let t = Date.parse('2026-11-24T01:00:00Z')
const clock = () => new Date(t)
const later = (seconds: number) => (t += seconds * 1000)

async function site() {
  t = Date.parse('2026-11-24T01:00:00Z')
  core = await freshCore(undefined, clock)
  const admin = await setUpSite(core)
  for (const [staffNo, name] of [['Q1', '李娜'], ['Q2', '王芳'], ['Q3', '张伟']] as const) {
    await callOk(core, 'staff.create', { staffNo, name, roles: ['clerk'], pin: '1234' }, admin)
  }
  return admin
}

const login = (staffNo: string, pin: string) => core.call('auth.login', { staffNo, pin }, null)
const codes = (rs: Result<unknown>[]) => rs.map((r) => (r.ok ? 'OK' : r.error.code))
const count = (xs: string[], x: string) => xs.filter((y) => y === x).length
const fails = async (staffNo: string) => (await core.db.read.get<{ n: number }>(`SELECT count(*) AS n FROM pin_attempts WHERE staff_no = ? AND outcome = 'fail'`, [staffNo]))!.n
const audits = async (action: string) => core.db.read.all<{ summary: string; entity_id: string | null; staff_id: string | null }>(`SELECT summary, entity_id, staff_id FROM audit_events WHERE action = ? ORDER BY seq`, [action])

/** 200 wrong guesses and the right PIN last, all sent at once through the dispatcher. */
async function burst(staffNo: string, right = '1234', n = 200) {
  const before = pinEvaluations.count
  const calls = Array.from({ length: n }, (_, i) => login(staffNo, String(5000 + i)))
  calls.push(login(staffNo, right))
  const results = await Promise.all(calls)
  return { results, codes: codes(results), last: results[results.length - 1], evaluated: pinEvaluations.count - before }
}

describe('login lock-out under parallel bursts', () => {
  it('200 parallel wrong PINs + the right one: only the first guesses are evaluated, the right one does not log in', async () => {
    await site()
    const sessionsBefore = (await audits('auth.login')).length
    const t0 = performance.now()
    const b = await burst('Q1')
    console.log(`[auth] 201 parallel logins answered in ${(performance.now() - t0).toFixed(0)} ms; PINs evaluated: ${b.evaluated}`)
    expect(b.evaluated).toBe(FREE_FAILURES)
    expect(await fails('Q1')).toBe(FREE_FAILURES)
    expect(count(b.codes, 'BAD_CREDENTIALS')).toBe(FREE_FAILURES)
    expect(count(b.codes, 'LOCKED')).toBe(201 - FREE_FAILURES)
    expect(b.last).toMatchObject({ ok: false, error: { code: 'LOCKED', field: 'pin' } })
    if (!b.last.ok) expect(b.last.error.message).toMatch(/请 \d+ 秒后再试/)
    expect((await audits('auth.login')).length).toBe(sessionsBefore)
    expect((await audits('auth.fail')).length).toBe(FREE_FAILURES)

    // Waiting out each delay lets exactly one more guess through; the 5th wrong one locks.
    later(1)
    expect(codes([await login('Q1', '0004'), await login('Q1', '1234')])).toEqual(['BAD_CREDENTIALS', 'LOCKED'])
    later(2)
    expect(await login('Q1', '0005')).toMatchObject({ ok: false, error: { code: 'LOCKED' } })
    expect(await fails('Q1')).toBe(MAX_FAILED)
    expect(await audits('auth.lock')).toHaveLength(1)

    // Locked: another burst is not evaluated at all, the right PIN included.
    later(30)
    const locked = await burst('Q1')
    expect(locked.evaluated).toBe(0)
    expect(count(locked.codes, 'LOCKED')).toBe(201)
    if (!locked.last.ok) expect(locked.last.error.message).toContain('已锁定至')
    expect(await fails('Q1')).toBe(MAX_FAILED)

    // After the lock, the right PIN logs in and ends the run; the next mistake starts again at 1.
    later(LOCK_MINUTES * 60)
    expect((await login('Q1', '1234')).ok).toBe(true)
    const again = await login('Q1', '9999')
    expect(again).toMatchObject({ ok: false, error: { code: 'BAD_CREDENTIALS' } })
    if (!again.ok) expect(again.error.message).toContain(`还可尝试 ${MAX_FAILED - 1} 次`)
  })

  it('the right PIN inside the free guesses logs in; a mistake or two costs a clerk nothing', async () => {
    await site()
    expect(codes([await login('Q1', '1111'), await login('Q1', '2222'), await login('Q1', '1234')])).toEqual(['BAD_CREDENTIALS', 'BAD_CREDENTIALS', 'OK'])
    // The success ended the run: three more mistakes before any delay.
    expect(codes([await login('Q1', '1'), await login('Q1', '2'), await login('Q1', '3')])).toEqual(['BAD_CREDENTIALS', 'BAD_CREDENTIALS', 'BAD_CREDENTIALS'])
    // Many right logins in a row never wait (the e2e harness logs in dozens of times).
    later(1)
    for (let i = 0; i < 10; i++) expect((await login('Q2', '1234')).ok).toBe(true)
  })

  it('the delays keep growing across locks, per staff number', async () => {
    await site()
    const waits: number[] = []
    for (let i = 0; i < 14; i++) {
      // Retry the same guess, stepping the clock as each refusal asks, until it is evaluated.
      for (;;) {
        const before = pinEvaluations.count
        const r = await login('Q1', `7${i}`)
        if (pinEvaluations.count > before) break
        expect(r).toMatchObject({ ok: false, error: { code: 'LOCKED' } })
        const m = !r.ok ? /请 (\d+) (秒|分钟)后再试/.exec(r.error.message) : null
        const seconds = m ? Number(m[1]) * (m[2] === '分钟' ? 60 : 1) : LOCK_MINUTES * 60
        if (m) waits.push(seconds)
        later(seconds)
      }
    }
    expect(await fails('Q1')).toBe(14)
    // 1 s, 2 s, the lock, 8 s … 64 s, the lock, 256 s, 512 s (told in whole minutes: 5, 9), then 15 minutes per guess at most.
    expect(waits).toEqual([1, 2, 8, 16, 32, 64, 300, 540, 900])
  })

  it("one person's delay or lock does not hold up anyone else's login", async () => {
    await site()
    const b = burst('Q1')
    // Q2 logs in while Q1's burst is being refused, and right after.
    const q2 = await login('Q2', '1234')
    await b
    expect(q2.ok).toBe(true)
    expect((await login('Q3', '1234')).ok).toBe(true)
    later(1)
    await login('Q1', '1')
    later(2)
    await login('Q1', '2')
    expect(await login('Q1', '1234')).toMatchObject({ ok: false, error: { code: 'LOCKED' } })
    expect((await login('Q2', '1234')).ok).toBe(true)
  })

  it('spraying many staff numbers from one terminal is slowed per terminal', async () => {
    await site()
    const before = pinEvaluations.count
    // One guess each at 200 numbers, known and unknown, at once.
    const nos = ['Q1', 'Q2', 'Q3', ...Array.from({ length: 197 }, (_, i) => `X${i}`)]
    const rs = await Promise.all(nos.map((no) => login(no, '0000')))
    expect(pinEvaluations.count - before).toBe(TERMINAL_FREE)
    const refused = rs.filter((r) => !r.ok && r.error.code === 'LOCKED')
    expect(refused).toHaveLength(200 - TERMINAL_FREE)
    if (!refused[0].ok) expect(refused[0].error.message).toContain('本机PIN输错次数较多')
    // The window passes: logins work again.
    later(TERMINAL_WINDOW_MINUTES * 60 + 1)
    expect((await login('Q3', '1234')).ok).toBe(true)
  })
})

describe('a patient attacker at one terminal', () => {
  it('guessing as fast as the desk allows, across several numbers, for 6 hours (figures printed)', async () => {
    await site()
    const nos = ['Q1', 'Q2', 'Q3', 'admin']
    const start = t
    const before = pinEvaluations.count
    let guess = 0
    while (t - start < 6 * 3600_000) {
      // Try every number now; if none was evaluated, step to the earliest moment one may be.
      let evaluated = false
      let wait = Infinity
      for (const no of nos) {
        const e0 = pinEvaluations.count
        const r = await login(no, String(100000 + guess++))
        if (pinEvaluations.count > e0) evaluated = true
        else if (!r.ok) {
          const m = /请 (\d+) (秒|分钟)后再试/.exec(r.error.message)
          wait = Math.min(wait, m ? Number(m[1]) * (m[2] === '分钟' ? 60 : 1) : 60)
        }
      }
      if (!evaluated) later(wait)
    }
    const n = pinEvaluations.count - before
    const firstHour = (await core.db.read.get<{ n: number }>(`SELECT count(*) AS n FROM pin_attempts WHERE created_at < ?`, [new Date(start + 3600_000).toISOString()]))!.n
    console.log(`[auth] one terminal, ${nos.length} numbers, 6 h of guessing: ${n} PINs evaluated (${firstHour} in the first hour, then ${((n - firstHour) / 5).toFixed(1)}/h); before: ≈23/s`)
    expect(firstHour).toBeLessThanOrEqual(40)
    expect(n).toBeLessThanOrEqual(40 + 5 * 20)
  }, 120_000)
})

describe('unknown staff numbers answer like known ones (no enumeration)', () => {
  it('same codes, same words, same lock, a PIN evaluation each, and alike audit lines', async () => {
    const admin = await site()
    const s = await callOk(core, 'staff.create', { staffNo: 'Q9', name: '停用者', roles: ['clerk'], pin: '1234' }, admin)
    await callOk(core, 'staff.update', { id: s.id, name: '停用者', roles: ['clerk'], active: false }, admin)
    const run = async (no: string) => {
      const out: string[] = []
      for (let i = 0; i < MAX_FAILED + 1; i++) {
        const before = pinEvaluations.count
        const r = await login(no, '0000')
        const words = r.ok ? 'OK' : `${r.error.code}|${r.error.field}|${r.error.message.replace(/\d\d:\d\d/, 'HH:MM')}`
        out.push(`${words}|evaluated ${pinEvaluations.count - before}`)
        later(60)
      }
      return out
    }
    // Runs apart by the terminal's window, so the terminal's own count is the same for each.
    const known = await run('Q1')
    later(TERMINAL_WINDOW_MINUTES * 60)
    const unknown = await run('NOBODY')
    later(TERMINAL_WINDOW_MINUTES * 60)
    const disabled = await run('Q9')
    expect(unknown).toEqual(known)
    expect(disabled).toEqual(known)
    expect(known[0]).toBe(`BAD_CREDENTIALS|pin|工号或PIN不正确,还可尝试 ${MAX_FAILED - 1} 次|evaluated 1`)
    expect(known[MAX_FAILED - 1]).toMatch(/^LOCKED\|pin\|连续5次输错PIN,已锁定5分钟/)
    const lines = await audits('auth.fail')
    const of = (no: string) => lines.filter((l) => l.summary.startsWith(`工号 ${no} `)).map((l) => l.summary.replace(`工号 ${no} `, ''))
    expect(of('NOBODY')).toEqual(of('Q1'))
    expect(of('Q1')).toHaveLength(MAX_FAILED)
    expect((await audits('auth.lock')).map((l) => l.summary.replace(/工号 \S+ /, ''))).toEqual(Array(3).fill(`连续${MAX_FAILED}次PIN错误,锁定${LOCK_MINUTES}分钟`))
    // A disabled account is told apart only by its right PIN.
    later(LOCK_MINUTES * 60)
    expect(await login('Q9', '1234')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: '该账号已停用,请联系客服管理员' } })
  })

  it('timing: an unknown number costs about what a known one does (figures printed)', async () => {
    await site()
    const time = async (no: string) => {
      const t0 = performance.now()
      await login(no, '0000')
      return performance.now() - t0
    }
    const k: number[] = []
    const u: number[] = []
    for (let i = 0; i < 3; i++) {
      k.push(await time('Q1'))
      u.push(await time(`NOBODY${i}`))
      later(120)
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[1]
    console.log(`[auth] wrong PIN, known number: median ${median(k).toFixed(1)} ms; unknown number: ${median(u).toFixed(1)} ms`)
    // Both run scrypt; without the dummy hash the unknown answer was ~20× faster.
    expect(median(u)).toBeGreaterThan(median(k) / 3)
  })
})
