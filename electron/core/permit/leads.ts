import { and, eq, inArray, isNull } from 'drizzle-orm'
import { maskIdNumber, maskPhone } from '../../../shared/mask'
import type { RenovationLead } from '../../../shared/permit/leads'
import { renovationIsLive } from '../../../shared/permit/validity'
import { audit } from '../audit/service'
import type { Ctx } from '../context'
import { permits } from '../db/schema'
import { canSeePersonalData } from '../registry/residents'
import { toRecord } from './records'
import { localNow, permitSite } from './site'

/**
 * The leads of the unit's approved, running renovations (the same test applyContext uses for a lead
 * applying for hot work, lift use or additional works), for the applicant picker at the desk.
 */
export async function renovationLeads(ctx: Ctx, unitId: string): Promise<RenovationLead[]> {
  const r = ctx.db.read
  const now = localNow(ctx, await permitSite(r))
  const rows = await r.orm
    .select()
    .from(permits)
    .where(and(eq(permits.kind, 'renovation'), eq(permits.unitId, unitId), inArray(permits.state, ['approved', 'issued']), isNull(permits.deletedAt)))
    .orderBy(permits.serial)
  const whole = canSeePersonalData(ctx)
  const leads: RenovationLead[] = []
  for (const row of rows) {
    const rec = toRecord(row, [])
    if (rec.kind !== 'renovation' || !renovationIsLive(rec, now, '申请').ok) continue
    const f = rec.fields
    leads.push({
      renovationId: row.id,
      serial: row.serial,
      validUntil: rec.validUntil,
      name: f.leadName,
      phone: whole ? f.leadPhone : maskPhone(f.leadPhone),
      idNumber: f.leadIdNumber ? (whole ? f.leadIdNumber : maskIdNumber(f.leadIdNumber)) : null,
      whole,
    })
  }
  if (whole && leads.length) {
    await ctx.db.tx((w) =>
      audit(w, ctx, { action: 'permit.leadView', entity: 'unit', entityId: unitId, summary: `查看装修负责人 ${leads.map((l) => `${l.name}(${l.serial})`).join('、')} 的完整证件号与电话` }),
    )
  }
  return leads
}
