import { eq } from 'drizzle-orm'
import type { z } from 'zod'
import type { Role } from '../../../shared/roles'
import { ROLE_LABELS } from '../../../shared/roles'
import type {
  changeOwnPinInput,
  loginInput,
  SessionInfo,
  staffCreateInput,
  staffResetPinInput,
  StaffRow,
  staffUpdateInput,
} from '../../../shared/staff/schema'
import { audit, diff } from '../audit/service'
import { clearPinRun, locksInForce, pinRefusal, verifyPin } from '../auth/attempts'
import { hashPin } from '../auth/pin'
import { newRowMeta, type Ctx, type SessionStaff } from '../context'
import type { Reader } from '../db/connection'
import { staff } from '../db/schema'
import { conflict, DeskError, notFound, rule } from '../errors'
import { newId } from '../ids'

export { LOCK_MINUTES, MAX_FAILED } from '../auth/attempts'

type StaffRecord = typeof staff.$inferSelect

export function toStaffRow(s: StaffRecord): StaffRow {
  return {
    id: s.id,
    staffNo: s.staffNo,
    name: s.name,
    roles: JSON.parse(s.roles) as Role[],
    phone: s.phone,
    active: s.active,
    lockedUntil: null,
  }
}

export async function loadSessionStaff(r: Reader, id: string): Promise<SessionStaff | null> {
  const s = await r.orm.select().from(staff).where(eq(staff.id, id)).get()
  if (!s || !s.active || s.deletedAt) return null
  return { id: s.id, staffNo: s.staffNo, name: s.name, roles: JSON.parse(s.roles) as Role[] }
}

/**
 * Staff number + PIN. The lock-out (every 5th wrong PIN in a row locks for five minutes; from the
 * 3rd on, each next guess waits longer) is read, checked and counted in the write transaction of the
 * check itself (auth/attempts.ts); every failure and every lock is audited, and an unknown number
 * answers, waits and is audited exactly like a known one with a wrong PIN.
 */
export async function login(ctx: Ctx, input: z.output<typeof loginInput>): Promise<SessionInfo> {
  const v = await verifyPin(ctx, { staffNo: input.staffNo }, input.pin, { code: 'login', label: '登录' }, (w, s) =>
    audit(w, ctx, { action: 'auth.login', entity: 'staff', entityId: s.id, summary: `${s.name} 登录` }, s.id),
  )
  if (!v.ok) throw pinRefusal(v, { field: v.reason === 'disabled' ? 'staffNo' : 'pin', byNumber: true })
  const s = v.staff
  const token = ctx.sessions.open(s.id)
  return { token, staff: { id: s.id, staffNo: s.staffNo, name: s.name, roles: JSON.parse(s.roles) as Role[] }, terminalId: ctx.terminalId }
}

export async function logout(ctx: Ctx) {
  if (ctx.token) ctx.sessions.close(ctx.token)
  await ctx.db.tx((w) => audit(w, ctx, { action: 'auth.logout', entity: 'staff', entityId: ctx.staff!.id, summary: `${ctx.staff!.name} 退出` }))
  return null
}

/**
 * The old PIN is a PIN check like any other (counted, locked, delayed). The new hash is made only
 * once the old PIN is right (inside that write), so a burst of wrong ones costs no extra scrypt.
 * Other sessions of the person end; this one, which just proved the old PIN, stays.
 */
export async function changeOwnPin(ctx: Ctx, input: z.output<typeof changeOwnPinInput>) {
  const me = ctx.staff!
  if (input.newPin === input.oldPin) throw rule('新PIN不能与原PIN相同', 'newPin')
  const v = await verifyPin(ctx, { id: me.id }, input.oldPin, { code: 'changePin', label: '修改PIN时原' }, async (w, s) => {
    const pinHash = await hashPin(input.newPin)
    await w.orm.update(staff).set({ pinHash, updatedAt: ctx.now().toISOString(), terminalId: ctx.terminalId }).where(eq(staff.id, me.id))
    await clearPinRun(w, ctx, s, 'changePin')
    await audit(w, ctx, { action: 'staff.changePin', entity: 'staff', entityId: me.id, summary: `${me.name} 修改了自己的PIN` })
  })
  if (!v.ok) throw pinRefusal(v, { field: 'oldPin', who: '原', byNumber: false })
  ctx.sessions.closeAllOf(me.id, ctx.token)
  return null
}

export async function listStaff(ctx: Ctx): Promise<StaffRow[]> {
  const rows = await ctx.db.read.orm.select().from(staff).orderBy(staff.staffNo).all()
  const locks = await locksInForce(ctx.db.read, ctx.now())
  return rows.filter((r) => !r.deletedAt).map((r) => ({ ...toStaffRow(r), lockedUntil: locks.get(r.staffNo) ?? null }))
}

const rolesText = (roles: Role[]) => roles.map((r) => ROLE_LABELS[r]).join('、')

export async function createStaff(ctx: Ctx, input: z.output<typeof staffCreateInput>): Promise<StaffRow> {
  const pinHash = await hashPin(input.pin)
  return ctx.db.tx(async (w) => {
    const dup = await w.orm.select({ id: staff.id }).from(staff).where(eq(staff.staffNo, input.staffNo)).get()
    if (dup) throw conflict(`工号 ${input.staffNo} 已存在`, 'staffNo')
    const id = newId()
    const row = {
      ...newRowMeta(ctx, id),
      staffNo: input.staffNo,
      name: input.name,
      roles: JSON.stringify(input.roles),
      phone: input.phone ?? null,
      pinHash,
      active: true,
      failedAttempts: 0,
      lockedUntil: null,
    }
    await w.orm.insert(staff).values(row)
    await audit(w, ctx, { action: 'staff.create', entity: 'staff', entityId: id, summary: `新增员工 ${input.name}(${input.staffNo}):${rolesText(input.roles)}`, changes: { staffNo: input.staffNo, name: input.name, roles: input.roles } })
    return toStaffRow(row)
  })
}

export async function updateStaff(ctx: Ctx, input: z.output<typeof staffUpdateInput>): Promise<StaffRow> {
  return ctx.db.tx(async (w) => {
    const cur = await w.orm.select().from(staff).where(eq(staff.id, input.id)).get()
    if (!cur || cur.deletedAt) throw notFound('员工')
    if (cur.id === ctx.staff!.id && (!input.active || !input.roles.includes('admin'))) {
      throw new DeskError('RULE', '不能停用自己或取消自己的管理员角色', 'active')
    }
    const next = { name: input.name, roles: JSON.stringify(input.roles), phone: input.phone ?? null, active: input.active }
    await w.orm.update(staff).set({ ...next, updatedAt: ctx.now().toISOString(), terminalId: ctx.terminalId }).where(eq(staff.id, cur.id))
    const verb = cur.active && !input.active ? '停用' : !cur.active && input.active ? '启用' : '修改'
    await audit(w, ctx, { action: 'staff.update', entity: 'staff', entityId: cur.id, summary: `${verb}员工 ${input.name}(${cur.staffNo})`, changes: diff({ ...cur }, next) })
    if (!input.active) ctx.sessions.closeAllOf(cur.id)
    return toStaffRow({ ...cur, ...next })
  })
}

/** A new PIN from the administrator: ends the person's run of wrong PINs, any lock and every session. */
export async function resetPin(ctx: Ctx, input: z.output<typeof staffResetPinInput>) {
  const pinHash = await hashPin(input.pin)
  const cur = await ctx.db.tx(async (w) => {
    const cur = await w.orm.select().from(staff).where(eq(staff.id, input.id)).get()
    if (!cur || cur.deletedAt) throw notFound('员工')
    await w.orm.update(staff).set({ pinHash, updatedAt: ctx.now().toISOString(), terminalId: ctx.terminalId }).where(eq(staff.id, cur.id))
    await clearPinRun(w, ctx, cur, 'resetPin')
    await audit(w, ctx, { action: 'staff.resetPin', entity: 'staff', entityId: cur.id, summary: `重置 ${cur.name}(${cur.staffNo})的PIN并解除锁定,其登录已退出` })
    return cur
  })
  ctx.sessions.closeAllOf(cur.id)
  return null
}
