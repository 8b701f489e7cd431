import { eq } from 'drizzle-orm'
import type { Role } from '../../../shared/roles'
import type { SupervisorOverride } from '../../../shared/duty/fields'
import { audit } from '../audit/service'
import { pinRefusal, verifyPin } from '../auth/attempts'
import type { Ctx } from '../context'
import { staff } from '../db/schema'
import { rule } from '../errors'

export type StaffRecord = typeof staff.$inferSelect
export const rolesOf = (s: StaffRecord) => JSON.parse(s.roles) as Role[]

/**
 * Confirms a person by their own PIN (incoming clerk, signatures, supervisor's authorisation). The
 * same lock-out as the login (auth/attempts.ts): counted, locked and delayed per staff number and
 * terminal inside one write transaction, audited there; a refused step leaves the duty records
 * untouched. By a typed staff number, an unknown number reads exactly like a wrong PIN.
 */
export async function confirmByPin(
  ctx: Ctx,
  who: { staffNo: string } | { id: string },
  pin: string,
  field: string,
  label: string,
): Promise<StaffRecord> {
  const purpose = { code: field === 'override.supervisorPin' ? 'override' : 'id' in who ? 'handover.sign' : 'handover.incoming', label }
  const v = await verifyPin(ctx, who, pin, purpose, async (w, s, failuresBefore) => {
    if (failuresBefore > 0) await audit(w, ctx, { action: 'auth.confirm', entity: 'staff', entityId: s.id, summary: `${s.name} 以PIN确认身份(${label})` })
  })
  if (!v.ok) throw pinRefusal(v, { field, who: label, byNumber: 'staffNo' in who })
  return v.staff
}

/** 客服主管授权: the supervisor's own staff number + PIN; not for themselves. */
export async function confirmOverride(ctx: Ctx, o: SupervisorOverride, forStaffId: string): Promise<StaffRecord> {
  // Refused before the PIN is checked: a refused call must leave no PIN count or audit line behind
  // (and the caller learns nothing: it is their own number).
  const self = await ctx.db.read.orm.select({ staffNo: staff.staffNo }).from(staff).where(eq(staff.id, forStaffId)).get()
  if (self?.staffNo === o.supervisorStaffNo) throw rule('客服主管不能为自己授权,请由另一位客服主管授权', 'override.supervisorStaffNo')
  const sup = await confirmByPin(ctx, { staffNo: o.supervisorStaffNo }, o.supervisorPin, 'override.supervisorPin', '主管')
  if (!rolesOf(sup).includes('supervisor')) throw rule(`${sup.name}不是客服主管,不能授权`, 'override.supervisorStaffNo')
  if (sup.id === forStaffId) throw rule('客服主管不能为自己授权,请由另一位客服主管授权', 'override.supervisorStaffNo')
  return sup
}
