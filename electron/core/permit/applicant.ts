import { and, eq, inArray, isNull } from 'drizzle-orm'
import type { ApplyContext } from '../../../shared/permit/rules'
import type { Applicant, OwnerConsent } from '../../../shared/permit/schema/common'
import type { PermitRecord } from '../../../shared/permit/schema/record'
import { dayOf, type LocalStamp } from '../../../shared/time/calendar'
import { unitLabel, type AgentScope } from '../../../shared/registry/schema'
import type { Reader } from '../db/connection'
import { rule } from '../errors'
import { renovationIsLive } from '../../../shared/permit/validity'
import { toRecord } from './records'
import { permits } from '../db/schema'

/**
 * What the registry says about the person at the desk, for canApply: are they an owner of the unit,
 * which live authorisations (业主委托) do they hold, are they the lead of the unit's renovation. A
 * registry link that points elsewhere (another unit's resident, a revoked authorisation) is refused
 * here, naming the field.
 */

export async function unitOf(r: Reader, unitId: string): Promise<{ id: string; label: string }> {
  const u = await r.get<{ id: string; code: string; entrance: string; room: string }>(
    `SELECT u.id, b.code, u.entrance, u.room FROM units u JOIN buildings b ON b.id = u.building_id WHERE u.id = ? AND u.deleted_at IS NULL`,
    [unitId],
  )
  if (!u) throw rule('所选房屋不存在或已删除', 'unitId')
  return { id: u.id, label: unitLabel(u.code, u.entrance, u.room) }
}

interface ResidentLink {
  id: string
  unitId: string
  kind: string
  name: string
}

async function resident(r: Reader, id: string): Promise<ResidentLink | undefined> {
  return r.get<ResidentLink>('SELECT id, unit_id AS unitId, kind, name FROM residents WHERE id = ? AND deleted_at IS NULL', [id])
}

export async function applyContext(
  r: Reader,
  unitId: string,
  applicant: Applicant,
  ownerConsent: OwnerConsent | undefined,
  renovation: PermitRecord | null,
  now: LocalStamp,
): Promise<ApplyContext> {
  const ctx: ApplyContext = { now, renovation, ownerConsent: ownerConsent ?? null }
  if (applicant.residentId) {
    const res = await resident(r, applicant.residentId)
    if (!res || res.unitId !== unitId) throw rule('所选住户不是该房屋的住户', 'applicant.residentId')
    ctx.isOwner = res.kind === 'owner'
  }
  if (applicant.agentId) {
    const a = await r.get<{ unitId: string; scopes: string; validUntil: string | null; revokedAt: string | null; name: string }>(
      'SELECT unit_id AS unitId, scopes, valid_until AS validUntil, revoked_at AS revokedAt, name FROM agents WHERE id = ? AND deleted_at IS NULL',
      [applicant.agentId],
    )
    if (!a || a.unitId !== unitId) throw rule('所选代理人不是该房屋业主授权的代理人', 'applicant.agentId')
    if (a.revokedAt) throw rule(`${a.name} 的业主授权已撤销`, 'applicant.agentId')
    if (a.validUntil && a.validUntil < dayOf(now)) throw rule(`${a.name} 的业主授权已于 ${a.validUntil} 到期`, 'applicant.agentId')
    ctx.agentScopes = JSON.parse(a.scopes) as AgentScope[]
  }
  if (renovation?.kind === 'renovation') ctx.isRenovationLead = isLeadOf(applicant, renovation)
  else if (applicant.role === 'lead') ctx.isRenovationLead = await leadsLiveRenovation(r, unitId, applicant, now)
  if (ownerConsent) await checkConsent(r, unitId, ownerConsent)
  return ctx
}

/** The same person as the lead named on the renovation: by ID number when given, else name and phone. */
function isLeadOf(applicant: Applicant, renovation: PermitRecord): boolean {
  if (renovation.kind !== 'renovation') return false
  const f = renovation.fields
  return applicant.idNumber ? applicant.idNumber === f.leadIdNumber : applicant.name === f.leadName && applicant.phone === f.leadPhone
}

/**
 * Kinds that do not hang on a renovation (hot work, lift use, additional works): a lead qualifies by
 * leading an approved, running renovation of the same unit (the owner's approval of that renovation is
 * his authorisation).
 */
async function leadsLiveRenovation(r: Reader, unitId: string, applicant: Applicant, now: LocalStamp): Promise<boolean> {
  const rows = await r.orm
    .select()
    .from(permits)
    .where(and(eq(permits.kind, 'renovation'), eq(permits.unitId, unitId), inArray(permits.state, ['approved', 'issued']), isNull(permits.deletedAt)))
  for (const row of rows) {
    const rec = toRecord(row, [])
    if (renovationIsLive(rec, now, '申请').ok && isLeadOf(applicant, rec)) return true
  }
  return false
}

/** The consenting owner must be a registered owner of the unit (by link, or by name when not linked). */
async function checkConsent(r: Reader, unitId: string, c: OwnerConsent): Promise<void> {
  if (c.ownerResidentId) {
    const o = await resident(r, c.ownerResidentId)
    if (!o || o.unitId !== unitId || o.kind !== 'owner') throw rule('同意的业主不是该房屋登记的业主', 'ownerConsent.ownerResidentId')
    return
  }
  const owners = await r.all<{ name: string }>("SELECT name FROM residents WHERE unit_id = ? AND kind = 'owner' AND deleted_at IS NULL", [unitId])
  if (owners.length > 0 && !owners.some((o) => o.name === c.ownerName)) {
    throw rule(`同意业主姓名与该房屋登记的业主(${owners.map((o) => o.name).join('、')})不符`, 'ownerConsent.ownerName')
  }
}
