import { callOk } from '../../electron/core/app'
import { makeRoster, openDutyDesk, type DutyDesk } from './duty'

/**
 * A reception desk on 2026-12-01: 李娜 (Q1) rostered early and on duty from 07:25; unit 3栋2单元1201
 * with its owner 刘龑 and tenant 王芳, unit 1202 with owner 周强; a 门禁卡 kind with 10 blank cards.
 */
export interface ReceptionDesk extends DutyDesk {
  q1: string
  unitId: string
  otherUnitId: string
  ownerId: string
  tenantId: string
  otherOwnerId: string
  kindId: string
}

export async function openReceptionDesk(): Promise<ReceptionDesk> {
  const d = await openDutyDesk('2026-11-20 09:00')
  const admin = await d.token('admin')
  const b = await callOk(d.core, 'building.create', { code: '3' }, admin)
  const unit = await callOk(d.core, 'unit.create', { buildingId: b.id, entrance: '2', room: '1201' }, admin)
  const other = await callOk(d.core, 'unit.create', { buildingId: b.id, entrance: '2', room: '1202' }, admin)
  const owner = await callOk(d.core, 'resident.create', { unitId: unit.id, name: '刘龑', kind: 'owner', phone: '13812345678' }, admin)
  const tenant = await callOk(d.core, 'resident.create', { unitId: unit.id, name: '王芳', kind: 'tenant', phone: '13612345678' }, admin)
  const otherOwner = await callOk(d.core, 'resident.create', { unitId: other.id, name: '周强', kind: 'owner', phone: '13712345678' }, admin)
  const kind = await callOk(d.core, 'card.kindSave', { name: '门禁卡', depositFen: 5000, feeFen: 1000, replaceFeeFen: 2000 }, admin)
  await makeRoster(d, '2026-12', [['2026-12-01', 'Q1', 'early']])
  d.clock.set('2026-12-01 07:25')
  const q1 = await d.token('Q1')
  await callOk(d.core, 'duty.start', {}, q1)
  await callOk(d.core, 'card.stockMove', { kindId: kind.id, move: 'received', count: 10 }, q1)
  return Object.assign(d, { q1, unitId: unit.id, otherUnitId: other.id, ownerId: owner.id, tenantId: tenant.id, otherOwnerId: otherOwner.id, kindId: kind.id })
}

/** Every row of the reception tables and the log, to show a refused call changed nothing. */
export async function receptionSnapshot(d: DutyDesk): Promise<string> {
  const out: Record<string, unknown[]> = {}
  for (const t of ['move_ins', 'move_in_cards', 'move_in_signatures', 'home_services', 'home_service_steps', 'special_events', 'special_event_reads', 'cards', 'card_ledger', 'card_stock', 'log_entries', 'log_follow_ups', 'permit_serials']) {
    out[t] = await d.core.db.read.all(`SELECT * FROM ${t} ORDER BY 1`)
  }
  return JSON.stringify(out)
}
