import { expect } from 'vitest'
import { callOk, type Core } from '../../electron/core/app'
import type { In } from '../../shared/api'
import type { PermitView } from '../../shared/permit/apiSchema'
import { kindDef, type HotWorkPrecaution } from '../../shared/permit/kinds'
import { idCheckChar } from '../../shared/validate/idNumber'
import { freshCore, setUpSite, tempDir } from './core'
import { Clock, PIN } from './duty'

export { expectRefused } from './duty'

/** A valid ID number for a birth date and a serial: idNo('19900101', 1). */
export function idNo(birth: string, n: number, area = '440305'): string {
  const first = `${area}${birth}${String(n).padStart(3, '0')}`
  return first + idCheckChar(first)
}

export const OWNER_ID = '11010519491231002X'
export const LEAD_ID = idNo('19850615', 21)

/** The staff of the test site (PIN 1234), besides the first administrator `admin` / 246810. */
export const PERMIT_PEOPLE = [
  { staffNo: 'Q1', name: '李娜', roles: ['clerk'] },
  { staffNo: 'E1', name: '王堃', roles: ['engineering'] },
  { staffNo: 'E2', name: '孙工', roles: ['engineering'] },
  { staffNo: 'F1', name: '李昇', roles: ['safety'] },
  { staffNo: 'D1', name: '陈翀', roles: ['director'] },
  { staffNo: 'S1', name: '赵赟', roles: ['supervisor'] },
  { staffNo: 'A1', name: '张喆', roles: ['admin'] },
  { staffNo: 'G1', name: '门岗保安', roles: ['clerk'] },
] as const
export type PermitStaffNo = (typeof PERMIT_PEOPLE)[number]['staffNo'] | 'admin'

export interface PermitDesk {
  core: Core
  clock: Clock
  ids: Record<PermitStaffNo, string>
  unitId: string
  otherUnitId: string
  ownerId: string
  tenantId: string
  /** The owner's authorised renovation lead (业主委托:装修事务). */
  leadAgentId: string
  /** An authorisation for release slips only. */
  releaseAgentId: string
  /** A fresh session (tests move the clock by days; sessions expire after 12 idle hours). */
  token(staffNo: PermitStaffNo): Promise<string>
}

/**
 * 阳光花园 3栋2单元1201 (owner 刘龑, tenant 王芳, an authorised lead 张喆 and a release agent), a second
 * unit 3栋2单元1202, and a reviewer for every role. The clock starts on 2026-03-02 09:00 (Shanghai).
 */
export async function openPermitDesk(start = '2026-03-02 09:00', open?: (now: () => Date) => Promise<Core>): Promise<PermitDesk> {
  const clock = new Clock(start)
  const core = open ? await open(clock.now) : await freshCore(tempDir('desk-permit-'), clock.now)
  const admin = await setUpSite(core)
  const ids = {} as Record<PermitStaffNo, string>
  for (const p of PERMIT_PEOPLE) ids[p.staffNo] = (await callOk(core, 'staff.create', { ...p, roles: [...p.roles], pin: PIN }, admin)).id
  ids.admin = (await callOk(core, 'auth.me', {}, admin)).staff.id
  const b = await callOk(core, 'building.create', { code: '3' }, admin)
  const unit = await callOk(core, 'unit.create', { buildingId: b.id, entrance: '2', room: '1201' }, admin)
  const other = await callOk(core, 'unit.create', { buildingId: b.id, entrance: '2', room: '1202' }, admin)
  const owner = await callOk(core, 'resident.create', { unitId: unit.id, name: '刘龑', kind: 'owner', phone: '13812345678', idNumber: OWNER_ID }, admin)
  const tenant = await callOk(core, 'resident.create', { unitId: unit.id, name: '王芳', kind: 'tenant', phone: '13612345678' }, admin)
  await callOk(core, 'resident.create', { unitId: other.id, name: '周强', kind: 'owner', phone: '13712345678' }, admin)
  const lead = await callOk(core, 'agent.create', { unitId: unit.id, ownerId: owner.id, name: '张喆', phone: '13912345678', idNumber: LEAD_ID, scopes: ['renovation'] }, admin)
  const rel = await callOk(core, 'agent.create', { unitId: unit.id, ownerId: owner.id, name: '欧阳明辉', phone: '13512345678', idNumber: idNo('19900101', 33), scopes: ['release'] }, admin)
  const desk: PermitDesk = {
    core,
    clock,
    ids,
    unitId: unit.id,
    otherUnitId: other.id,
    ownerId: owner.id,
    tenantId: tenant.id,
    leadAgentId: lead.id,
    releaseAgentId: rel.id,
    async token(staffNo) {
      return (await callOk(desk.core, 'auth.login', { staffNo, pin: staffNo === 'admin' ? '246810' : PIN })).token
    },
  }
  return desk
}

type Applicant = In<'permit.apply'>['applicant']

export const owner = (d: PermitDesk): Applicant => ({ role: 'owner', residentId: d.ownerId, name: '刘龑', phone: '13812345678', idNumber: OWNER_ID })
export const lead = (d: PermitDesk): Applicant => ({ role: 'lead', agentId: d.leadAgentId, name: '张喆', phone: '13912345678', idNumber: LEAD_ID })
export const tenant = (d: PermitDesk): Applicant => ({ role: 'tenant', residentId: d.tenantId, name: '王芳', phone: '13612345678' })

export const renovationFields = (start = '2026-03-02') => ({
  contractorName: '深圳市美家装饰工程有限公司',
  leadName: '张喆',
  leadPhone: '13912345678',
  leadIdNumber: LEAD_ID,
  works: '厨房、卫生间防水;全屋水电改造',
  startDate: start,
  depositFen: 200000,
  workerCount: 6,
})

export const hotWorkFields = (day = '2026-03-02') => ({
  place: '北阳台',
  level: 'second' as const,
  method: 'electricWelding' as const,
  content: '阳台不锈钢防盗网焊接',
  welderName: '王建国',
  welderIdNumber: idNo('19800808', 45),
  welderCertNo: 'T4403051980',
  copiesCollected: true as const,
  start: `${day} 13:00`,
  end: `${day} 17:00`,
  fireWatcherName: '李四',
  extinguisherCount: 2,
  precautions: ['combustiblesCleared', 'openingsCovered', 'extinguishersReady', 'watcherPresent', 'welderCertified', 'equipmentChecked', 'siteCheckAfter'] as HotWorkPrecaution[],
})

export const releaseFields = (day = '2026-03-02') => ({
  carrierName: '欧阳明辉',
  carrierIdNumber: idNo('19900101', 33),
  items: [
    { name: '冰箱', quantity: 1 },
    { name: '旧沙发', quantity: 2, note: '三人位' },
  ],
  reason: '搬家',
  date: day,
})

export const worker = (name: string, n: number, extra: Record<string, unknown> = {}) => ({
  workerName: name,
  workerIdNumber: idNo('19880303', n),
  trade: '木工',
  photoCollected: true,
  idCopyCollected: true as const,
  ...extra,
})

/** The clerk Q1 takes an application. */
export async function apply(d: PermitDesk, input: In<'permit.apply'>): Promise<PermitView> {
  return callOk(d.core, 'permit.apply', input, await d.token('Q1'))
}

/** Who decides each role's step in these tests. */
export const REVIEWER: Record<string, PermitStaffNo> = { engineering: 'E1', safety: 'F1', director: 'D1', supervisor: 'S1', admin: 'A1' }

/** Approves the waiting steps (all by default), each by its role's reviewer. */
export async function approve(d: PermitDesk, id: string, steps = Infinity): Promise<PermitView> {
  let v = await callOk(d.core, 'permit.get', { id }, await d.token('Q1'))
  for (let i = 0; i < steps && v.nextStep; i++) {
    v = await callOk(d.core, 'permit.review', { id, decision: 'approve', opinion: i === 0 ? '符合规定' : undefined }, await d.token(REVIEWER[v.nextStep.role]))
  }
  return v
}

/** An approved renovation of the unit (applied by the owner). */
export async function approvedRenovation(d: PermitDesk, start = '2026-03-02'): Promise<PermitView> {
  const v = await apply(d, { kind: 'renovation', unitId: d.unitId, applicant: owner(d), fields: renovationFields(start) })
  expect(v.record.state).toBe('inReview')
  return approve(d, v.id)
}

export const PERMIT_TABLES = ['permits', 'permit_reviews', 'permit_prints', 'permit_serials', 'deposit_ledger', 'permit_files', 'permit_seals', 'audit_events']

const SNAPSHOT_SQL: Record<string, string> = {
  permit_serials: 'SELECT * FROM permit_serials ORDER BY kind, year',
  // Logging in (to get a token for the refused call) is audited; it is not a change made by the call.
  audit_events: "SELECT * FROM audit_events WHERE action NOT LIKE 'auth.%' ORDER BY seq",
}

/** Every row of the permit tables and the audit trail, to show a refused call changed nothing. */
export async function permitSnapshot(core: Core): Promise<string> {
  const out: Record<string, unknown[]> = {}
  for (const t of PERMIT_TABLES) out[t] = await core.db.read.all(SNAPSHOT_SQL[t] ?? `SELECT * FROM ${t} ORDER BY id`)
  return JSON.stringify(out)
}

export const prefixOf = (kind: Parameters<typeof kindDef>[0]) => kindDef(kind).prefix

/** A release slip asked by the tenant with the owner's consent, approved by the duty supervisor (not printed). */
export async function approvedSlip(d: PermitDesk, day = '2026-03-02'): Promise<PermitView> {
  const v = await apply(d, {
    kind: 'releaseSlip',
    unitId: d.unitId,
    applicant: tenant(d),
    ownerConsent: { ownerName: '刘龑', method: 'letter', note: '业主同意书' },
    fields: releaseFields(day),
  })
  return approve(d, v.id)
}

/** Raw SQL behind the app's back (as anyone holding the file could), outside every service. */
export async function behindTheApp(d: PermitDesk, sql: string, params: unknown[] = []): Promise<void> {
  await d.core.db.tx((w) => w.run(sql, params as never))
}
