import { callOk, type Core } from '../../electron/core/app'
import { makeRoster, openDutyDesk, type DutyDesk } from './duty'

export const REPAIR_TABLES = ['repair_orders', 'repair_steps', 'repair_breaches', 'repair_files', 'log_entries', 'log_follow_ups', 'permit_serials', 'desk_settings']

/** Every row of the repair tables and the log, to show a refused call changed nothing. */
export async function repairSnapshot(core: Core): Promise<string> {
  const out: Record<string, unknown[]> = {}
  for (const t of REPAIR_TABLES) out[t] = await core.db.read.all(`SELECT * FROM ${t} ORDER BY 1`)
  return JSON.stringify(out)
}

/**
 * December 1st: 李娜 (Q1) on the early shift 07:30–15:30 and 王芳 (Q2) on the late one, both started;
 * 3栋2单元1502 with its owner 张伟 and tenant 刘芳, and 5栋101.
 */
export async function repairDesk(start = '2026-12-01 09:00'): Promise<{ desk: DutyDesk; q1: string; admin: string; unitId: string; otherUnitId: string; ownerId: string; tenantId: string }> {
  const desk = await openDutyDesk('2026-11-20 09:00')
  await makeRoster(desk, '2026-12', [
    ['2026-12-01', 'Q1', 'early'],
    ['2026-12-01', 'Q2', 'late'],
  ])
  const admin = await desk.token('admin')
  const b = await callOk(desk.core, 'building.create', { code: '3' }, admin)
  const u = await callOk(desk.core, 'unit.create', { buildingId: b.id, entrance: '2', room: '1502' }, admin)
  const b5 = await callOk(desk.core, 'building.create', { code: '5' }, admin)
  const u5 = await callOk(desk.core, 'unit.create', { buildingId: b5.id, entrance: '', room: '101' }, admin)
  const owner = await callOk(desk.core, 'resident.create', { unitId: u.id, name: '张伟', kind: 'owner', phone: '13812345678' }, admin)
  const tenant = await callOk(desk.core, 'resident.create', { unitId: u.id, name: '刘芳', kind: 'tenant', phone: '13987654321' }, admin)
  desk.clock.set('2026-12-01 07:25')
  const q1 = await desk.token('Q1')
  await callOk(desk.core, 'duty.start', {}, q1)
  desk.clock.set(start)
  return { desk, q1: await desk.token('Q1'), admin: await desk.token('admin'), unitId: u.id, otherUnitId: u5.id, ownerId: owner.id, tenantId: tenant.id }
}
