import { callOk } from '../../electron/core/app'
import type { DutyDesk } from './duty'
import { repairDesk } from './repair'

/**
 * December 2026 at a 4-household site, every record made through the desk's own methods at the
 * times below (the test clock moves forward only). Rates worked out by hand in kpi.test.ts and
 * kpi.e2e.ts:
 *   repairs  R1 urgent 09:00 → forwarded 09:02, on site 09:10, done 12:00, called back 13:00 (all in time)
 *            R2 urgent 09:30 → forwarded 09:35 (late), on site 09:50 (20 min), done 18:00 (8 h 30), no call-back
 *            R3 ordinary 10:00 → forwarded 10:03 (exactly 3 min: in time), done 11:00, called back 11:30
 *            R4 ordinary 10:30 → never forwarded
 *   complaints C1 11:00 result, judged valid; C2 12:00 result, judged invalid; C3 16:00 (王芳's 晚班) nothing yet
 *   home services H1 booked 09:00, called back 10:30 (1 h 30); H2 booked 10:00, called back 12:01 (2 h 01)
 */
export async function seedKpiMonth(): Promise<{ desk: DutyDesk; q1: string; admin: string; repairs: Record<'R1' | 'R2' | 'R3' | 'R4', string> }> {
  const s = await repairDesk('2026-12-01 08:00')
  const { desk, admin } = s
  const at = async (local: string) => {
    desk.clock.set(`2026-12-01 ${local}`)
    return desk.token('Q1')
  }
  // Three more occupied units (one empty unit, 5栋101, is not a household).
  const b = await callOk(desk.core, 'building.create', { code: '7' }, admin)
  for (const [room, name, phone] of [
    ['101', '赵一', '13800000001'],
    ['102', '钱二', '13800000002'],
    ['103', '孙三', '13800000003'],
  ]) {
    const u = await callOk(desk.core, 'unit.create', { buildingId: b.id, entrance: '1', room }, admin)
    await callOk(desk.core, 'resident.create', { unitId: u.id, name, kind: 'owner', phone }, admin)
  }
  await callOk(desk.core, 'homeService.savePrices', { items: [{ name: '日常保洁', price: '50', per: '小时' }] }, admin)
  const booking = { unitId: s.unitId, contact: '张伟', phone: '13812345678', serviceCode: 'JF-01', quantity: 2, wantedAt: '2026-12-03 09:00' }
  const complaint = { channel: 'phone' as const, complainant: '张伟', unitId: s.unitId, category: '噪音扰民', department: '秩序维护部', severity: 'normal' as const }
  const repair = (content: string, urgent: boolean) => ({ unitId: s.unitId, residentId: s.ownerId, category: '水', content, urgent })

  const R1 = (await callOk(desk.core, 'repair.create', repair('卫生间水管爆裂', true), await at('09:00'))).id
  const H1 = (await callOk(desk.core, 'homeService.book', booking, await at('09:00'))).id
  await callOk(desk.core, 'repair.forward', { id: R1, receiver: '张师傅' }, await at('09:02'))
  await callOk(desk.core, 'repair.arrive', { id: R1, who: '张师傅' }, await at('09:10'))
  const R2 = (await callOk(desk.core, 'repair.create', repair('厨房下水堵塞外溢', true), await at('09:30'))).id
  await callOk(desk.core, 'repair.forward', { id: R2, receiver: '李师傅' }, await at('09:35'))
  await callOk(desk.core, 'repair.arrive', { id: R2, who: '李师傅' }, await at('09:50'))
  const R3 = (await callOk(desk.core, 'repair.create', repair('阳台灯不亮', false), await at('10:00'))).id
  const H2 = (await callOk(desk.core, 'homeService.book', booking, await at('10:00'))).id
  await callOk(desk.core, 'repair.forward', { id: R3, receiver: '王师傅' }, await at('10:03'))
  await callOk(desk.core, 'homeService.callBack', { id: H1, confirmedAt: '2026-12-03 09:00' }, await at('10:30'))
  const R4 = (await callOk(desk.core, 'repair.create', repair('门铃失灵', false), await at('10:30'))).id
  const C1 = (await callOk(desk.core, 'complaint.create', { ...complaint, summary: '楼上深夜装修噪音' }, await at('11:00'))).id
  await callOk(desk.core, 'repair.complete', { id: R3, who: '王师傅', result: '更换灯泡' }, await at('11:00'))
  await callOk(desk.core, 'repair.callback', { id: R3, reached: true, satisfied: true }, await at('11:30'))
  const C2 = (await callOk(desk.core, 'complaint.create', { ...complaint, summary: '广场舞音响过大' }, await at('12:00'))).id
  await callOk(desk.core, 'repair.complete', { id: R1, who: '张师傅', result: '更换水管' }, await at('12:00'))
  await callOk(desk.core, 'homeService.callBack', { id: H2, confirmedAt: '2026-12-03 10:00' }, await at('12:01'))
  await callOk(desk.core, 'repair.callback', { id: R1, reached: true, satisfied: true }, await at('13:00'))
  await callOk(desk.core, 'complaint.result', { complaintId: C1, result: '已约谈装修户,夜间停工' }, await at('14:00'))
  await callOk(desk.core, 'complaint.result', { complaintId: C2, result: '已协调降低音量' }, await at('14:10'))
  const s1 = await desk.token('S1')
  await callOk(desk.core, 'complaint.decideValidity', { complaintId: C1, valid: true, reason: '物业监管不到位' }, s1)
  await callOk(desk.core, 'complaint.decideValidity', { complaintId: C2, valid: false, reason: '非物业责任' }, s1)
  // 王芳 starts the 晚班 and takes the third complaint.
  desk.clock.set('2026-12-01 15:25')
  const q2 = await desk.token('Q2')
  await callOk(desk.core, 'duty.start', {}, q2)
  desk.clock.set('2026-12-01 16:00')
  await callOk(desk.core, 'complaint.create', { ...complaint, summary: '地库车位被占' }, await desk.token('Q2'))
  await callOk(desk.core, 'repair.complete', { id: R2, who: '李师傅', result: '疏通下水' }, await at('18:00'))
  desk.clock.set('2026-12-02 09:00')
  return { desk, q1: await desk.token('Q1'), admin: await desk.token('admin'), repairs: { R1, R2, R3, R4 } }
}
