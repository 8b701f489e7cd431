import { callOk, type Core } from '../../electron/core/app'
import { setUpSite, tempDir } from './core'
import { pair, sameData, terminal, until } from './sync'

/** Duty across terminals (issue H): a site on A with these people (PIN 1234), B paired and holding it. */
export const PIN = '1234'
export const token = (t: Core, staffNo: string, pin = PIN) => callOk(t, 'auth.login', { staffNo, pin }).then((s) => s.token)

export async function pairedDutySite(prefix: string, people: ReadonlyArray<readonly [staffNo: string, name: string, role: 'clerk' | 'supervisor']>) {
  const A = await terminal(`${prefix}-A`, tempDir('desk-sync-duty-'))
  const B = await terminal(`${prefix}-B`, tempDir('desk-sync-duty-'))
  const admin = await setUpSite(A)
  for (const [staffNo, name, role] of people) await callOk(A, 'staff.create', { staffNo, name, roles: [role], pin: PIN }, admin)
  await pair(A, B)
  await until('B has the site', () => sameData(A, B), 30_000)
  return { A, B }
}

/** The whole handover at terminal t: outgoing → incoming (PIN, 主管授权), open items acknowledged, checks and counts done, both sign. */
export async function handOverAt(t: Core, from: string, to: string, override: { supervisorStaffNo: string; supervisorPin: string; reason: string }) {
  const q = await token(t, from)
  let v = await callOk(t, 'handover.start', {}, q)
  v = await callOk(t, 'handover.incoming', { id: v.id, staffNo: to, pin: PIN, override }, q)
  for (const p of v.pending) v = await callOk(t, 'handover.ack', { id: v.id, entryId: p.entry.id }, q)
  for (const c of v.checklist) v = await callOk(t, 'handover.check', { id: v.id, itemCode: c.code, ok: true }, q)
  for (const c of v.counts) {
    v = await callOk(t, 'handover.count', { id: v.id, itemCode: c.code, side: 'outgoing', count: c.expected }, q)
    v = await callOk(t, 'handover.count', { id: v.id, itemCode: c.code, side: 'incoming', count: c.expected }, q)
  }
  return (await callOk(t, 'handover.sign', { id: v.id, outgoingPin: PIN, incomingPin: PIN }, q)).handover
}
