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
import { checkPin, hashPin } from '../auth/pin'
import { newRowMeta, type Ctx, type SessionStaff } from '../context'
import type { Reader } from '../db/connection'
import { staff } from '../db/schema'
import { conflict, DeskError, notFound } from '../errors'
import { newId } from '../ids'

export const MAX_FAILED = 5
export const LOCK_MINUTES = 5

type StaffRecord = typeof staff.$inferSelect

export function toStaffRow(s: StaffRecord): StaffRow {
  return {
    id: s.id,
    staffNo: s.staffNo,
    name: s.name,
    roles: JSON.parse(s.roles) as Role[],
    phone: s.phone,
    active: s.active,
    lockedUntil: s.lockedUntil,
  }
}

export async function loadSessionStaff(r: Reader, id: string): Promise<SessionStaff | null> {
  const s = await r.orm.select().from(staff).where(eq(staff.id, id)).get()
  if (!s || !s.active || s.deletedAt) return null
  return { id: s.id, staffNo: s.staffNo, name: s.name, roles: JSON.parse(s.roles) as Role[] }
}

const hhmm = (iso: string) => new Date(iso).toLocaleTimeString('zh-CN', { hour: '2-digit', minute: '2-digit', hour12: false, timeZone: 'Asia/Shanghai' })

/**
 * Staff number + PIN. Five wrong PINs in a row lock the account for five minutes; every failure
 * and every lock is audited. The counter is committed even though the call answers with an error.
 */
export async function login(ctx: Ctx, input: z.output<typeof loginInput>): Promise<SessionInfo> {
  const s = await ctx.db.read.orm.select().from(staff).where(eq(staff.staffNo, input.staffNo)).get()
  const bad = new DeskError('BAD_CREDENTIALS', '工号或PIN不正确', 'pin')
  if (!s || s.deletedAt) throw bad
  if (!s.active) throw new DeskError('FORBIDDEN', '该账号已停用,请联系客服管理员', 'staffNo')
  const now = ctx.now()
  if (s.lockedUntil && new Date(s.lockedUntil) > now) {
    throw new DeskError('LOCKED', `连续输错PIN,账号已锁定至 ${hhmm(s.lockedUntil)},请稍后再试`, 'pin')
  }
  const ok = await checkPin(input.pin, s.pinHash)
  if (!ok) {
    const outcome = await ctx.db.tx(async (w) => {
      const cur = (await w.orm.select().from(staff).where(eq(staff.id, s.id)).get())!
      const failed = cur.failedAttempts + 1
      const lock = failed >= MAX_FAILED ? new Date(now.getTime() + LOCK_MINUTES * 60_000).toISOString() : null
      await w.orm
        .update(staff)
        .set({ failedAttempts: lock ? 0 : failed, lockedUntil: lock ?? cur.lockedUntil })
        .where(eq(staff.id, s.id))
      await audit(w, ctx, { action: 'auth.fail', entity: 'staff', entityId: s.id, summary: `${s.name} 登录PIN错误(第${failed}次)` }, s.id)
      if (lock) await audit(w, ctx, { action: 'auth.lock', entity: 'staff', entityId: s.id, summary: `${s.name} 连续${MAX_FAILED}次PIN错误,锁定${LOCK_MINUTES}分钟`, changes: { lockedUntil: lock } }, s.id)
      return { failed, lock }
    })
    if (outcome.lock) throw new DeskError('LOCKED', `连续${MAX_FAILED}次输错PIN,账号已锁定${LOCK_MINUTES}分钟`, 'pin')
    throw new DeskError('BAD_CREDENTIALS', `工号或PIN不正确,还可尝试 ${MAX_FAILED - outcome.failed} 次`, 'pin')
  }
  await ctx.db.tx(async (w) => {
    await w.orm.update(staff).set({ failedAttempts: 0, lockedUntil: null }).where(eq(staff.id, s.id))
    await audit(w, ctx, { action: 'auth.login', entity: 'staff', entityId: s.id, summary: `${s.name} 登录` }, s.id)
  })
  const token = ctx.sessions.open(s.id)
  return { token, staff: { id: s.id, staffNo: s.staffNo, name: s.name, roles: JSON.parse(s.roles) as Role[] }, terminalId: ctx.terminalId }
}

export async function logout(ctx: Ctx) {
  if (ctx.token) ctx.sessions.close(ctx.token)
  await ctx.db.tx((w) => audit(w, ctx, { action: 'auth.logout', entity: 'staff', entityId: ctx.staff!.id, summary: `${ctx.staff!.name} 退出` }))
  return null
}

export async function changeOwnPin(ctx: Ctx, input: z.output<typeof changeOwnPinInput>) {
  const me = ctx.staff!
  const s = (await ctx.db.read.orm.select().from(staff).where(eq(staff.id, me.id)).get())!
  if (!(await checkPin(input.oldPin, s.pinHash))) throw new DeskError('BAD_CREDENTIALS', '原PIN不正确', 'oldPin')
  const pinHash = await hashPin(input.newPin)
  await ctx.db.tx(async (w) => {
    await w.orm.update(staff).set({ pinHash, updatedAt: ctx.now().toISOString(), terminalId: ctx.terminalId }).where(eq(staff.id, me.id))
    await audit(w, ctx, { action: 'staff.changePin', entity: 'staff', entityId: me.id, summary: `${me.name} 修改了自己的PIN` })
  })
  return null
}

export async function listStaff(ctx: Ctx): Promise<StaffRow[]> {
  const rows = await ctx.db.read.orm.select().from(staff).orderBy(staff.staffNo).all()
  return rows.filter((r) => !r.deletedAt).map(toStaffRow)
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

export async function resetPin(ctx: Ctx, input: z.output<typeof staffResetPinInput>) {
  const pinHash = await hashPin(input.pin)
  return ctx.db.tx(async (w) => {
    const cur = await w.orm.select().from(staff).where(eq(staff.id, input.id)).get()
    if (!cur || cur.deletedAt) throw notFound('员工')
    await w.orm
      .update(staff)
      .set({ pinHash, failedAttempts: 0, lockedUntil: null, updatedAt: ctx.now().toISOString(), terminalId: ctx.terminalId })
      .where(eq(staff.id, cur.id))
    await audit(w, ctx, { action: 'staff.resetPin', entity: 'staff', entityId: cur.id, summary: `重置 ${cur.name}(${cur.staffNo})的PIN并解除锁定` })
    return null
  })
}
