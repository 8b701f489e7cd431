import { eq } from 'drizzle-orm'
import type { z } from 'zod'
import { DUTY_ROLES, LEAVE_KIND_LABELS, type LeaveKind, type LeaveStatus } from '../../../shared/duty/kinds'
import type { leaveDecideInput, leaveListInput, leaveRequestInput, LeaveRow } from '../../../shared/duty/rosterSchema'
import { monthOfDate } from '../../../shared/time/calendar'
import { audit } from '../audit/service'
import { newRowMeta, type Ctx } from '../context'
import type { Reader, Writer } from '../db/connection'
import { leaveRequests, rosterSlots, staff } from '../db/schema'
import { conflict, DeskError, notFound, rule } from '../errors'
import { newId } from '../ids'
import { rolesOf } from './pinCheck'
import { publishedSlotOf, rosterOf, windowOf, type LiveSlot } from './rosterSlots'
import { dutySettings, nowIso, patternOf, todayOf, touched, type DutySettings } from './settings'

interface LeaveDbRow extends Omit<LeaveRow, 'shiftName'> {
  kind: LeaveKind
  status: LeaveStatus
}

export async function leaveRows(r: Reader, settings: DutySettings, where: string, params: unknown[]): Promise<LeaveRow[]> {
  const rows = await r.all<LeaveDbRow>(
    `SELECT l.id, l.kind, l.staff_id AS staffId, s.name AS staffName, l.date, l.shift_code AS shiftCode, l.reason, l.status,
            l.created_at AS requestedAt, l.decided_at AS decidedAt, d.name AS decidedByName, l.decision_note AS note,
            l.substitute_id AS substituteId, sub.name AS substituteName, l.swap_date AS swapDate, l.swap_shift_code AS swapShiftCode
       FROM leave_requests l JOIN staff s ON s.id = l.staff_id LEFT JOIN staff d ON d.id = l.decided_by LEFT JOIN staff sub ON sub.id = l.substitute_id
      WHERE l.deleted_at IS NULL AND ${where} ORDER BY l.date, l.created_at`,
    params,
  )
  return rows.map((l) => ({ ...l, shiftName: patternOf(settings, l.shiftCode)?.name ?? l.shiftCode }))
}

async function leaveRow(r: Reader, settings: DutySettings, id: string): Promise<LeaveRow> {
  const [row] = await leaveRows(r, settings, 'l.id = ?', [id])
  if (!row) throw notFound('申请')
  return row
}

/** A clerk asks, at least one day ahead, about a slot of a published roster they hold. */
export async function requestLeave(ctx: Ctx, input: z.output<typeof leaveRequestInput>): Promise<LeaveRow> {
  const settings = await dutySettings(ctx.db.read)
  const me = ctx.staff!
  const label = LEAVE_KIND_LABELS[input.kind]
  const id = newId()
  await ctx.db.tx(async (w) => {
    if (input.date <= todayOf(ctx, settings.timeZone)) throw rule(`${label}须至少提前一天申请(${input.date} 不晚于今天)`, 'date')
    const roster = await rosterOf(w, monthOfDate(input.date))
    if (roster?.status !== 'published') throw rule(`${monthOfDate(input.date)} 排班表尚未发布`, 'date')
    const slot = await publishedSlotOf(w, input.date, me.id)
    if (!slot) throw rule(`你在 ${input.date} 没有排班`, 'date')
    const open = await w.get('SELECT id FROM leave_requests WHERE slot_id = ? AND status = ? AND deleted_at IS NULL', [slot.id, 'pending'])
    if (open) throw conflict(`你在 ${input.date} 的班次已有待审批的申请`, 'date')
    await w.orm.insert(leaveRequests).values({
      ...newRowMeta(ctx, id),
      staffId: me.id,
      kind: input.kind,
      date: input.date,
      shiftCode: slot.shiftCode,
      slotId: slot.id,
      reason: input.reason,
      status: 'pending',
      decidedBy: null,
      decidedAt: null,
      decisionNote: null,
      substituteId: null,
      swapSlotId: null,
      swapDate: null,
      swapShiftCode: null,
    })
    await audit(w, ctx, { action: 'leave.request', entity: 'leave', entityId: id, summary: `${me.name} 申请${label}:${input.date}(${patternOf(settings, slot.shiftCode)?.name ?? slot.shiftCode})`, changes: { reason: input.reason } })
  })
  return leaveRow(ctx.db.read, settings, id)
}

type Decide = z.output<typeof leaveDecideInput>

async function substituteOf(w: Writer, id: string, requesterId: string) {
  if (id === requesterId) throw rule('替班人不能是申请人本人', 'substituteId')
  const s = await w.orm.select().from(staff).where(eq(staff.id, id)).get()
  if (!s || s.deletedAt || !s.active) throw rule('替班人不存在或已停用', 'substituteId')
  if (!rolesOf(s).some((r) => DUTY_ROLES.includes(r))) throw rule(`${s.name} 不是前台值班人员,不能替班`, 'substituteId')
  return s
}

/** Takes the planned person off a cell; the old cell stays (soft-deleted) as history of the change. */
async function vacate(w: Writer, ctx: Ctx, slot: LiveSlot, leaveId: string) {
  await w.orm.update(rosterSlots).set({ deletedAt: nowIso(ctx), removedByLeaveId: leaveId, ...touched(ctx) }).where(eq(rosterSlots.id, slot.id))
}

/** Puts a person on the cell another was planned for. */
async function fill(w: Writer, ctx: Ctx, slot: LiveSlot, staffId: string, leaveId: string) {
  await w.orm.insert(rosterSlots).values({ ...newRowMeta(ctx, newId()), rosterId: slot.rosterId, date: slot.date, staffId, shiftCode: slot.shiftCode, plannedStaffId: slot.staffId, leaveId, removedByLeaveId: null })
}

/**
 * The supervisor approves (choosing the substitute) or refuses. Only an approval changes the
 * roster; nobody decides their own request.
 */
export async function decideLeave(ctx: Ctx, input: Decide): Promise<LeaveRow> {
  const settings = await dutySettings(ctx.db.read)
  const me = ctx.staff!
  await ctx.db.tx(async (w) => {
    const req = await w.orm.select().from(leaveRequests).where(eq(leaveRequests.id, input.id)).get()
    if (!req || req.deletedAt) throw notFound('申请')
    if (req.status !== 'pending') throw conflict('该申请已处理,不能重复审批', 'id')
    if (req.staffId === me.id) throw new DeskError('FORBIDDEN', '不能审批自己的申请,请由另一位客服主管审批', 'id')
    const requester = (await w.orm.select().from(staff).where(eq(staff.id, req.staffId)).get())!
    const label = LEAVE_KIND_LABELS[req.kind as LeaveKind]
    const decided = { decidedBy: me.id, decidedAt: nowIso(ctx), decisionNote: input.note ?? null, ...touched(ctx) }
    if (!input.approve) {
      await w.orm.update(leaveRequests).set({ status: 'refused', ...decided }).where(eq(leaveRequests.id, req.id))
      await audit(w, ctx, { action: 'leave.refuse', entity: 'leave', entityId: req.id, summary: `不批准 ${requester.name} 的${label}申请(${req.date})${input.note ? `:${input.note}` : ''}` })
      return
    }
    const slot = await publishedSlotOf(w, req.date, req.staffId)
    if (!slot || slot.id !== req.slotId) throw conflict(`${requester.name} 在 ${req.date} 的排班已变更,请让其重新申请`, 'id')
    const win = windowOf(settings, slot)
    if (win && new Date(win.startsAt) <= ctx.now()) throw rule('该班次已开始,不能再审批', 'id')
    const needsSub = req.kind === 'cover' || req.kind === 'swap'
    if (needsSub && !input.substituteId) throw rule(`${label}须由客服主管安排替班人`, 'substituteId')
    const sub = input.substituteId ? await substituteOf(w, input.substituteId, req.staffId) : null
    let swapSlot: LiveSlot | undefined
    if (req.kind === 'swap') {
      if (!input.swapDate) throw rule('换班须选择替班人的换班日期', 'swapDate')
      if (input.swapDate <= todayOf(ctx, settings.timeZone)) throw rule('换班日期须晚于今天', 'swapDate')
      swapSlot = await publishedSlotOf(w, input.swapDate, sub!.id)
      if (!swapSlot) throw rule(`${sub!.name} 在 ${input.swapDate} 没有排班,无法换班`, 'swapDate')
      if (input.swapDate !== req.date && (await publishedSlotOf(w, input.swapDate, req.staffId))) {
        throw rule(`${requester.name} 在 ${input.swapDate} 已有班次,无法换班`, 'swapDate')
      }
      if (input.swapDate !== req.date && (await publishedSlotOf(w, req.date, sub!.id))) throw rule(`${sub!.name} 在 ${req.date} 已有班次`, 'substituteId')
    } else if (sub && (await publishedSlotOf(w, req.date, sub.id))) {
      throw rule(`${sub.name} 在 ${req.date} 已有班次,不能替班`, 'substituteId')
    }
    // Vacate first: a same-day swap exchanges two cells of one date.
    await vacate(w, ctx, slot, req.id)
    if (swapSlot) await vacate(w, ctx, swapSlot, req.id)
    if (sub) await fill(w, ctx, slot, sub.id, req.id)
    if (swapSlot) await fill(w, ctx, swapSlot, req.staffId, req.id)
    await w.orm
      .update(leaveRequests)
      .set({ status: 'approved', substituteId: sub?.id ?? null, swapSlotId: swapSlot?.id ?? null, swapDate: swapSlot?.date ?? null, swapShiftCode: swapSlot?.shiftCode ?? null, ...decided })
      .where(eq(leaveRequests.id, req.id))
    const subText = sub ? (swapSlot ? `,与 ${sub.name} 的 ${swapSlot.date} 班次互换` : `,由 ${sub.name} 替班`) : ',该班次空出'
    await audit(w, ctx, { action: 'leave.approve', entity: 'leave', entityId: req.id, summary: `批准 ${requester.name} 的${label}申请(${req.date})${subText}`, changes: { substituteId: sub?.id ?? null, swapDate: swapSlot?.date ?? null } })
  })
  return leaveRow(ctx.db.read, settings, input.id)
}

export async function cancelLeave(ctx: Ctx, id: string): Promise<LeaveRow> {
  const settings = await dutySettings(ctx.db.read)
  await ctx.db.tx(async (w) => {
    const req = await w.orm.select().from(leaveRequests).where(eq(leaveRequests.id, id)).get()
    if (!req || req.deletedAt) throw notFound('申请')
    if (req.staffId !== ctx.staff!.id) throw new DeskError('FORBIDDEN', '只能撤回自己的申请', 'id')
    if (req.status !== 'pending') throw conflict('该申请已处理,不能撤回', 'id')
    await w.orm.update(leaveRequests).set({ status: 'cancelled', ...touched(ctx) }).where(eq(leaveRequests.id, id))
    await audit(w, ctx, { action: 'leave.cancel', entity: 'leave', entityId: id, summary: `${ctx.staff!.name} 撤回${LEAVE_KIND_LABELS[req.kind as LeaveKind]}申请(${req.date})` })
  })
  return leaveRow(ctx.db.read, settings, id)
}

/** Clerks see their own requests; the administrator, supervisor and manager see everyone's. */
export async function listLeave(ctx: Ctx, input: z.output<typeof leaveListInput>): Promise<LeaveRow[]> {
  const settings = await dutySettings(ctx.db.read)
  const seesAll = ctx.staff!.roles.some((r) => r === 'admin' || r === 'supervisor' || r === 'director')
  const where: string[] = ['1 = 1']
  const params: unknown[] = []
  if (input?.month) {
    where.push('l.date LIKE ?')
    params.push(`${input.month}-%`)
  }
  if (input?.status) {
    where.push('l.status = ?')
    params.push(input.status)
  }
  if (!seesAll || input?.mine) {
    where.push('l.staff_id = ?')
    params.push(ctx.staff!.id)
  }
  return leaveRows(ctx.db.read, settings, where.join(' AND '), params)
}
