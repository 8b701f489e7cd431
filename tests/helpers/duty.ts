import { expect } from 'vitest'
import type { Result } from '../../shared/api/contract'
import { zonedIso } from '../../shared/time/zone'
import { callOk, type Core } from '../../electron/core/app'
import { freshCore, setUpSite, tempDir } from './core'

export const TZ = 'Asia/Shanghai'
export const PIN = '1234'

/** A clock the core reads through ctx.now(); set in the site's local time ('2026-12-01 07:25'). */
export class Clock {
  t = 0
  constructor(local: string) {
    this.set(local)
  }
  now = () => new Date(this.t)
  set(local: string) {
    this.t = Date.parse(zonedIso(local.slice(0, 10), local.slice(11, 16), TZ))
  }
  add(minutes: number) {
    this.t += minutes * 60_000
  }
}

/** The people of the test site (PIN 1234), besides the first administrator `admin` / 246810. */
export const PEOPLE = [
  { staffNo: 'Q1', name: '李娜', roles: ['clerk'] },
  { staffNo: 'Q2', name: '王芳', roles: ['clerk'] },
  { staffNo: 'Q3', name: '张伟', roles: ['clerk'] },
  { staffNo: 'S1', name: '陈静', roles: ['supervisor'] },
  { staffNo: 'S2', name: '刘洋', roles: ['supervisor'] },
  { staffNo: 'D1', name: '周强', roles: ['director'] },
] as const
export type StaffNo = (typeof PEOPLE)[number]['staffNo'] | 'admin'

export interface DutyDesk {
  core: Core
  clock: Clock
  dataDir: string
  ids: Record<StaffNo, string>
  /** A fresh session (sessions expire after 12 idle hours; tests move the clock by days). */
  token(staffNo: StaffNo): Promise<string>
  reopen(): Promise<void>
}

export async function openDutyDesk(start = '2026-11-20 09:00'): Promise<DutyDesk> {
  const clock = new Clock(start)
  const dataDir = tempDir('desk-duty-')
  const core = await freshCore(dataDir, clock.now)
  const admin = await setUpSite(core)
  const ids = {} as Record<StaffNo, string>
  for (const p of PEOPLE) ids[p.staffNo] = (await callOk(core, 'staff.create', { ...p, roles: [...p.roles], pin: PIN }, admin)).id
  ids.admin = (await callOk(core, 'auth.me', {}, admin)).staff.id
  const desk: DutyDesk = {
    core,
    clock,
    dataDir,
    ids,
    async token(staffNo) {
      return (await callOk(desk.core, 'auth.login', { staffNo, pin: staffNo === 'admin' ? '246810' : PIN })).token
    },
    async reopen() {
      await desk.core.close()
      desk.core = await freshCore(dataDir, clock.now)
    },
  }
  return desk
}

/** Adds the night duty 夜值 22:00–08:00 (crosses midnight) to the site's shift patterns. */
export async function addNightShift(desk: DutyDesk) {
  const admin = await desk.token('admin')
  const site = await callOk(desk.core, 'site.get', {}, admin)
  await callOk(desk.core, 'site.update', { name: site.name, office: site.office, timeZone: 'Asia/Shanghai', shifts: [...site.shifts, { code: 'night', name: '夜值', start: '22:00', end: '08:00' }] }, admin)
}

/** Drafts (and by default publishes) a month: cells as [date, staffNo, shiftCode]. */
export async function makeRoster(desk: DutyDesk, month: string, cells: Array<[string, StaffNo, string]>, publish = true) {
  const admin = await desk.token('admin')
  await callOk(desk.core, 'roster.saveDraft', { month, cells: cells.map(([date, no, shiftCode]) => ({ date, staffId: desk.ids[no], shiftCode })) }, admin)
  if (publish) await callOk(desk.core, 'roster.publish', { month }, admin)
}

export const DUTY_TABLES = [
  'rosters',
  'roster_slots',
  'leave_requests',
  'duty_shifts',
  'log_entries',
  'log_follow_ups',
  'day_reviews',
  'quality_checks',
  'handovers',
  'handover_acks',
  'handover_questions',
  'handover_checks',
  'handover_counts',
  'handover_key_acks',
]

/** Every row of the duty tables, to show a refused call changed nothing. */
export async function dutySnapshot(core: Core): Promise<string> {
  const out: Record<string, unknown[]> = {}
  for (const t of DUTY_TABLES) out[t] = await core.db.read.all(`SELECT * FROM ${t} ORDER BY id`)
  return JSON.stringify(out)
}

/** Asserts a refusal with this code, the field named, and (optionally) words of the message. */
export function expectRefused(r: Result<unknown>, code: string, field?: string, words?: string) {
  expect(r.ok, JSON.stringify(r)).toBe(false)
  if (r.ok) return
  expect(r.error.code).toBe(code)
  if (field !== undefined) expect(r.error.field).toBe(field)
  if (words) expect(r.error.message).toContain(words)
  expect(r.error.message).toMatch(/[\u4e00-\u9fff]/)
}

/**
 * December 1st: 李娜 (Q1) early 07:30–15:30, 王芳 (Q2) late 12:00–20:00, 张伟 (Q3) not rostered.
 * 李娜 starts at 07:25 and logs a pending repair, an escalated complaint and a call.
 */
export async function dayWithEntries(desk: DutyDesk) {
  await makeRoster(desk, '2026-12', [
    ['2026-12-01', 'Q1', 'early'],
    ['2026-12-01', 'Q2', 'late'],
    ['2026-12-02', 'Q1', 'early'],
  ])
  desk.clock.set('2026-12-01 07:25')
  const q1 = await desk.token('Q1')
  const shift = await callOk(desk.core, 'duty.start', {}, q1)
  desk.clock.set('2026-12-01 09:10')
  const repair = await callOk(desk.core, 'log.add', { kind: 'repair', person: '王先生', content: '3栋1502卫生间漏水', action: '已开维修单', passedTo: '工程部', status: 'pending' }, q1)
  desk.clock.set('2026-12-01 10:40')
  const complaint = await callOk(desk.core, 'log.add', { kind: 'complaint', content: '业主投诉楼上装修噪音', status: 'escalated', escalateTo: 'supervisor' }, q1)
  desk.clock.set('2026-12-01 11:00')
  const call = await callOk(desk.core, 'log.add', { kind: 'call', content: '咨询停车月卡办理', action: '已解答' }, q1)
  return { q1, shift, repair, complaint, call }
}

/** 15:15: 李娜 starts the handover and 王芳 confirms who she is; every step done unless told to skip. */
export async function handoverReady(desk: DutyDesk, skip: { counts?: boolean; checks?: boolean; acks?: boolean } = {}) {
  const day = await dayWithEntries(desk)
  desk.clock.set('2026-12-01 15:15')
  const q1 = await desk.token('Q1')
  const started = await callOk(desk.core, 'handover.start', {}, q1)
  let v = await callOk(desk.core, 'handover.incoming', { id: started.id, staffNo: 'Q2', pin: PIN }, q1)
  if (!skip.acks) for (const p of v.pending) v = await callOk(desk.core, 'handover.ack', { id: v.id, entryId: p.entry.id }, q1)
  if (!skip.checks) for (const c of v.checklist) v = await callOk(desk.core, 'handover.check', { id: v.id, itemCode: c.code, ok: true }, q1)
  if (!skip.counts) {
    for (const c of v.counts) {
      v = await callOk(desk.core, 'handover.count', { id: v.id, itemCode: c.code, side: 'outgoing', count: c.expected }, q1)
      v = await callOk(desk.core, 'handover.count', { id: v.id, itemCode: c.code, side: 'incoming', count: c.expected }, q1)
    }
  }
  return { ...day, q1, view: v }
}
