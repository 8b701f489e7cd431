import { eq } from 'drizzle-orm'
import type { Role } from '../../../shared/roles'
import type { SupervisorOverride } from '../../../shared/duty/fields'
import { audit } from '../audit/service'
import { checkPin } from '../auth/pin'
import type { Ctx } from '../context'
import { staff } from '../db/schema'
import { DeskError, rule } from '../errors'
import { LOCK_MINUTES, MAX_FAILED } from '../staff/service'

export type StaffRecord = typeof staff.$inferSelect
export const rolesOf = (s: StaffRecord) => JSON.parse(s.roles) as Role[]

/**
 * Confirms a person by their own PIN (incoming clerk, signatures, supervisor's authorisation).
 * Wrong PINs count towards the same lock as the login (5 in a row → 5 minutes), and are audited
 * in their own transaction, so a refused step leaves the duty records untouched.
 */
export async function confirmByPin(
  ctx: Ctx,
  who: { staffNo: string } | { id: string },
  pin: string,
  field: string,
  label: string,
): Promise<StaffRecord> {
  const where = 'id' in who ? eq(staff.id, who.id) : eq(staff.staffNo, who.staffNo)
  const s = await ctx.db.read.orm.select().from(staff).where(where).get()
  if (!s || s.deletedAt) throw new DeskError('BAD_CREDENTIALS', `${label}工号或PIN不正确`, field)
  if (!s.active) throw new DeskError('FORBIDDEN', `${label}${s.name}的账号已停用`, field)
  const now = ctx.now()
  if (s.lockedUntil && new Date(s.lockedUntil) > now) {
    throw new DeskError('LOCKED', `${label}${s.name}连续输错PIN,账号已锁定,请稍后再试`, field)
  }
  if (await checkPin(pin, s.pinHash)) {
    if (s.failedAttempts > 0) {
      await ctx.db.tx(async (w) => {
        await w.orm.update(staff).set({ failedAttempts: 0 }).where(eq(staff.id, s.id))
        await audit(w, ctx, { action: 'auth.confirm', entity: 'staff', entityId: s.id, summary: `${s.name} 以PIN确认身份(${label})` })
      })
    }
    return s
  }
  const failed = await ctx.db.tx(async (w) => {
    const cur = (await w.orm.select().from(staff).where(eq(staff.id, s.id)).get())!
    const n = cur.failedAttempts + 1
    const lock = n >= MAX_FAILED ? new Date(now.getTime() + LOCK_MINUTES * 60_000).toISOString() : null
    await w.orm.update(staff).set({ failedAttempts: lock ? 0 : n, lockedUntil: lock ?? cur.lockedUntil }).where(eq(staff.id, s.id))
    await audit(w, ctx, { action: 'auth.fail', entity: 'staff', entityId: s.id, summary: `${s.name} PIN错误(${label},第${n}次)` }, ctx.staff?.id ?? s.id)
    if (lock) await audit(w, ctx, { action: 'auth.lock', entity: 'staff', entityId: s.id, summary: `${s.name} 连续${MAX_FAILED}次PIN错误,锁定${LOCK_MINUTES}分钟`, changes: { lockedUntil: lock } })
    return { n, lock }
  })
  if (failed.lock) throw new DeskError('LOCKED', `${label}连续${MAX_FAILED}次输错PIN,账号已锁定${LOCK_MINUTES}分钟`, field)
  throw new DeskError('BAD_CREDENTIALS', `${label}PIN不正确,还可尝试 ${MAX_FAILED - failed.n} 次`, field)
}

/** 客服主管授权: the supervisor's own staff number + PIN; not for themselves. */
export async function confirmOverride(ctx: Ctx, o: SupervisorOverride, forStaffId: string): Promise<StaffRecord> {
  const sup = await confirmByPin(ctx, { staffNo: o.supervisorStaffNo }, o.supervisorPin, 'override.supervisorPin', '主管')
  if (!rolesOf(sup).includes('supervisor')) throw rule(`${sup.name}不是客服主管,不能授权`, 'override.supervisorStaffNo')
  if (sup.id === forStaffId) throw rule('客服主管不能为自己授权,请由另一位客服主管授权', 'override.supervisorStaffNo')
  return sup
}
