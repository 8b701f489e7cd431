/**
 * Repair figures (issue G): the repair desk opened with 200 open orders and their clocks — the list
 * call the desk makes (repair.open over the API: every order's state and clocks derived from its
 * facts), p50/p95 of 100 calls. The orders are registered through repair.create by a clerk on duty
 * (as at the desk, each with its duty log entry), over a morning on the core's clock, and taken
 * through their steps in a realistic mix: to forward, forwarded, on site, completed awaiting the
 * call-back, some of them late.
 */
import { callOk, openCore } from '../../electron/core/app'
import { zonedIso } from '../../shared/time/zone'
import { MIGRATIONS, setUpSite, tempDir } from '../helpers/core'

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]
const ms = (x: number) => `${x.toFixed(2)} ms`
const ORDERS = 200

export async function benchRepairs(report: (k: string, v: string) => void) {
  let t = Date.parse(zonedIso('2026-12-01', '06:00', 'Asia/Shanghai'))
  const core = await openCore({ dataDir: tempDir('desk-bench-repair-'), terminalId: 'T-BENCH', migrationsDir: MIGRATIONS, now: () => new Date(t) })
  const admin = await setUpSite(core)
  const q1Id = (await callOk(core, 'staff.create', { staffNo: 'Q1', name: '李娜', roles: ['clerk'], pin: '1234' }, admin)).id
  const site = await callOk(core, 'site.get', {}, admin)
  // One long shift so the clerk is on duty the whole morning.
  await callOk(core, 'site.update', { name: site.name, office: site.office, timeZone: 'Asia/Shanghai', shifts: [{ code: 'day', name: '白班', start: '06:00', end: '23:00' }] }, admin)
  await callOk(core, 'roster.saveDraft', { month: '2026-12', cells: [{ date: '2026-12-01', staffId: q1Id, shiftCode: 'day' }] }, admin)
  await callOk(core, 'roster.publish', { month: '2026-12' }, admin)
  const q1 = (await callOk(core, 'auth.login', { staffNo: 'Q1', pin: '1234' })).token
  await callOk(core, 'duty.start', {}, q1)
  const units: string[] = []
  for (let b = 1; b <= 4; b++) {
    const building = await callOk(core, 'building.create', { code: String(b) }, admin)
    for (let u = 0; u < 25; u++) units.push((await callOk(core, 'unit.create', { buildingId: building.id, entrance: '1', room: `${1 + Math.floor(u / 4)}0${1 + (u % 4)}` }, admin)).id)
  }
  const categories = ['水', '电', '门窗', '墙面', '管道疏通']
  for (let i = 0; i < ORDERS; i++) {
    t += 60_000
    const o = await callOk(core, 'repair.create', { unitId: units[i % units.length], contactName: '王先生', contactPhone: '13800000000', category: categories[i % 5], content: `报修内容${i + 1}`, urgent: i % 5 === 0 }, q1)
    if (i % 4 === 0) continue // still to forward (most of them late by the end)
    await callOk(core, 'repair.forward', { id: o.id, receiver: '张师傅' }, q1)
    if (i % 4 === 1) continue
    await callOk(core, 'repair.arrive', { id: o.id, who: '张师傅' }, q1)
    if (i % 4 === 2) continue
    await callOk(core, 'repair.complete', { id: o.id, who: '张师傅', result: '已修好' }, q1)
  }
  const open = await callOk(core, 'repair.open', {}, q1)
  if (open.rows.length !== ORDERS) throw new Error(`expected ${ORDERS} open orders, got ${open.rows.length}`)
  const times: number[] = []
  for (let i = 0; i < 120; i++) {
    const s = performance.now()
    await callOk(core, 'repair.open', {}, q1)
    if (i >= 20) times.push(performance.now() - s)
  }
  const late = open.rows.filter((r) => r.late).length
  report(`open the repair desk with ${ORDERS} open repair orders and their clocks (repair.open over the API, ${late} late): p50 / p95`, `${ms(pct(times, 50))} / ${ms(pct(times, 95))}  (n=${times.length})`)
  await core.close()
}
