import { callOk } from '../../electron/core/app'
import { localDate, localTime } from '../../shared/time/zone'
import { setUpSite } from '../helpers/core'
import type { Desk } from './harness'

const TZ = 'Asia/Shanghai'

/**
 * The site's shift patterns are made around the real clock, so that at any hour 李娜 is rostered
 * on the shift running now and 王芳 on the one starting within the hour after.
 */
export async function siteAroundNow(desk: Desk, opts: { drawnSignature?: boolean } = {}) {
  const admin = await setUpSite(desk.core)
  const now = Date.now()
  const at = (min: number) => new Date(now + min * 60_000)
  const p1 = { code: 'A', name: '甲班', start: localTime(at(-60), TZ), end: localTime(at(180), TZ) }
  const p2 = { code: 'B', name: '乙班', start: localTime(at(60), TZ), end: localTime(at(300), TZ) }
  await callOk(desk.core, 'site.update', { name: '阳光花园', office: '阳光花园物业服务中心', timeZone: TZ, shifts: [p1, p2], drawnSignature: opts.drawnSignature }, admin)
  for (const [staffNo, name, roles] of [
    ['Q1', '李娜', ['clerk']],
    ['Q2', '王芳', ['clerk']],
    ['S1', '陈静', ['supervisor']],
  ] as const)
    await callOk(desk.core, 'staff.create', { staffNo, name, roles: [...roles], pin: '1234' }, admin)
  const ids = Object.fromEntries((await callOk(desk.core, 'staff.list', {}, admin)).map((s) => [s.staffNo, s.id]))
  const cells = [
    { date: localDate(at(-60), TZ), staffId: ids.Q1, shiftCode: 'A' },
    { date: localDate(at(60), TZ), staffId: ids.Q2, shiftCode: 'B' },
  ]
  for (const month of [...new Set(cells.map((c) => c.date.slice(0, 7)))]) {
    await callOk(desk.core, 'roster.saveDraft', { month, cells: cells.filter((c) => c.date.startsWith(month)) }, admin)
    await callOk(desk.core, 'roster.publish', { month }, admin)
  }
  const b = await callOk(desk.core, 'building.create', { code: '3' }, admin)
  const u = await callOk(desk.core, 'unit.create', { buildingId: b.id, entrance: '2', room: '1502' }, admin)
  await callOk(desk.core, 'resident.create', { unitId: u.id, name: '张伟', kind: 'owner', phone: '13812345678' }, admin)
}

