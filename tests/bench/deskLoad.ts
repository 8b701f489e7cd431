/**
 * A busy desk for the loaded type-ahead figures: async writers through the same core, each at a
 * fixed rate (not flat out), so the figure means "the desk is saving things" and not "the CPU is
 * saturated". Log writers save duty-log entries (log.add, as a clerk on duty); one loop edits
 * residents (resident.update, alternately the note and the phone, which moves the phone indexes).
 */
import { callOk, type Core } from '../../electron/core/app'

export interface DeskLoad {
  /** What the table header says, e.g. "20 writes/s: 3 × log.add + 1 × resident.update, 5/s each". */
  label: string
  stop(): Promise<{ writes: number; seconds: number; saveP50: number; saveP95: number; failed: number }>
}

const pct = (xs: number[], p: number) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] : NaN)
const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)))

/** The clerk 压测 opens an unrostered shift (a supervisor authorises it), as the duty bench does. */
async function clerkOnDuty(core: Core, admin: string): Promise<string> {
  await callOk(core, 'staff.create', { staffNo: 'BENCH-Q', name: '压测前台', roles: ['clerk'], pin: '1234' }, admin)
  await callOk(core, 'staff.create', { staffNo: 'BENCH-S', name: '压测主管', roles: ['supervisor'], pin: '1234' }, admin)
  const token = (await callOk(core, 'auth.login', { staffNo: 'BENCH-Q', pin: '1234' })).token
  await callOk(core, 'duty.start', { override: { supervisorStaffNo: 'BENCH-S', supervisorPin: '1234', reason: '压测' } }, token)
  return token
}

export async function startDeskLoad(core: Core, admin: string, opts: { logWriters: number; residentWriters: number; perWriterPerSecond: number }): Promise<DeskLoad> {
  const clerk = await clerkOnDuty(core, admin)
  const people = await core.db.read.all<{ id: string; unit_id: string; name: string; kind: string; phone: string; id_number: string | null; move_in_date: string | null }>(
    'SELECT id, unit_id, name, kind, phone, id_number, move_in_date FROM residents WHERE deleted_at IS NULL ORDER BY random() LIMIT 500',
  )
  const interval = 1000 / opts.perWriterPerSecond
  const saves: number[] = []
  let failed = 0
  let running = true
  const t0 = performance.now()

  // Fixed rate: each writer has a timetable; a write that runs late does not make the next one
  // come sooner (missed slots are dropped, not caught up in a burst).
  const writer = async (offset: number, write: (i: number) => Promise<boolean>) => {
    let next = performance.now() + offset
    for (let i = 0; running; i++) {
      await sleep(next - performance.now())
      if (!running) break
      const t = performance.now()
      if (!(await write(i))) failed++
      saves.push(performance.now() - t)
      next += interval
      while (next < performance.now()) next += interval
    }
  }
  const logAdd = (w: number) => async (i: number) =>
    (await core.call('log.add', { kind: 'call', content: `压测来电记录 ${w}-${i}`, status: i % 20 === 0 ? 'pending' : 'done' }, clerk)).ok
  const residentUpdate = (w: number) => async (i: number) => {
    const p = people[(w * 97 + i) % people.length]
    // Toggling the last phone digit keeps a valid mobile number and rewrites phone + phone_tail.
    if (i % 2) p.phone = p.phone.slice(0, 10) + String((Number(p.phone[10]) + 1) % 10)
    const input = { id: p.id, unitId: p.unit_id, name: p.name, kind: p.kind, phone: p.phone, note: `压测修改 ${w}-${i}`, ...(p.id_number ? { idNumber: p.id_number } : {}), ...(p.move_in_date ? { moveInDate: p.move_in_date } : {}) }
    return (await core.call('resident.update', input, admin)).ok
  }
  const writers = opts.logWriters + opts.residentWriters
  const loops = [
    ...Array.from({ length: opts.logWriters }, (_, w) => writer((w * interval) / writers, logAdd(w))),
    ...Array.from({ length: opts.residentWriters }, (_, w) => writer(((opts.logWriters + w) * interval) / writers, residentUpdate(w))),
  ]
  return {
    label: `${writers * opts.perWriterPerSecond} writes/s: ${opts.logWriters} × log.add + ${opts.residentWriters} × resident.update, ${opts.perWriterPerSecond}/s each`,
    async stop() {
      running = false
      await Promise.all(loops)
      return { writes: saves.length, seconds: (performance.now() - t0) / 1000, saveP50: pct(saves, 50), saveP95: pct(saves, 95), failed }
    },
  }
}
