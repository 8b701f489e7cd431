import { callOk, type Core } from '../../electron/core/app'
import { makeRoster, openDutyDesk, type DutyDesk } from './duty'

/**
 * A reception day: 李娜 (Q1) on the early shift of 2026-12-01, on duty from 07:25 (王芳 Q2 rostered
 * on the late shift, not yet on duty), and a unit
 * 3栋2单元1502 with its owner 张伟. Reception records need the clerk's open shift (their log entry).
 */
export async function receptionDesk(): Promise<{ desk: DutyDesk; q1: string; admin: string; unitId: string }> {
  const desk = await openDutyDesk('2026-11-20 09:00')
  await makeRoster(desk, '2026-12', [
    ['2026-12-01', 'Q1', 'early'],
    ['2026-12-01', 'Q2', 'late'],
    ['2026-12-02', 'Q1', 'early'],
    ['2026-12-05', 'Q1', 'early'],
  ])
  const admin = await desk.token('admin')
  const b = await callOk(desk.core, 'building.create', { code: '3' }, admin)
  const u = await callOk(desk.core, 'unit.create', { buildingId: b.id, entrance: '2', room: '1502' }, admin)
  await callOk(desk.core, 'resident.create', { unitId: u.id, name: '张伟', kind: 'owner', phone: '13812345678' }, admin)
  desk.clock.set('2026-12-01 07:25')
  const q1 = await desk.token('Q1')
  await callOk(desk.core, 'duty.start', {}, q1)
  return { desk, q1, admin: await desk.token('admin'), unitId: u.id }
}

/** Every row of the given tables, to show a refused call changed nothing. */
export async function tablesSnapshot(core: Core, tables: string[]): Promise<string> {
  const out: Record<string, unknown[]> = {}
  for (const t of tables) out[t] = await core.db.read.all(`SELECT * FROM ${t} ORDER BY rowid`)
  return JSON.stringify(out)
}
