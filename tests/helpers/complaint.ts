import { callOk, type Core } from '../../electron/core/app'
import { makeRoster, openDutyDesk, type DutyDesk } from './duty'

/** Every row a complaint call can touch, to show a refused call changed nothing. */
export async function complaintSnapshot(core: Core): Promise<string> {
  const out: Record<string, unknown[]> = {}
  for (const t of ['complaints', 'complaint_slips', 'complaint_steps', 'log_entries', 'log_follow_ups', 'permit_serials', 'desk_settings'])
    out[t] = await core.db.read.all(`SELECT * FROM ${t} ORDER BY 1`)
  return JSON.stringify(out)
}

/** December 1st 2026, 李娜 (Q1) on the early shift from 07:25; unit 3-2-1502 in the registry. */
export async function complaintDesk(): Promise<{ desk: DutyDesk; q1: string; unitId: string }> {
  const desk = await openDutyDesk('2026-11-20 09:00')
  const admin = await desk.token('admin')
  const b = await callOk(desk.core, 'building.create', { code: '3' }, admin)
  const unit = await callOk(desk.core, 'unit.create', { buildingId: b.id, entrance: '2', room: '1502' }, admin)
  await makeRoster(desk, '2026-12', [['2026-12-01', 'Q1', 'early']])
  desk.clock.set('2026-12-01 07:25')
  const q1 = await desk.token('Q1')
  await callOk(desk.core, 'duty.start', {}, q1)
  return { desk, q1, unitId: unit.id }
}

export const A_COMPLAINT = {
  channel: 'phone',
  complainant: '王先生',
  phone: '13812345678',
  category: '噪音扰民',
  department: '秩序维护部',
  summary: '楼上装修晚上九点后仍在施工',
  severity: 'normal',
} as const
