import { eq } from 'drizzle-orm'
import type { z } from 'zod'
import { DUTY_ROLES, ROSTER_DUE_DAY, ROSTER_REMIND_FROM_DAY } from '../../../shared/duty/kinds'
import type { RosterReminder, rosterSaveDraftInput, RosterSlot, RosterStaff, RosterView } from '../../../shared/duty/rosterSchema'
import { addMonthsToMonth, datesOfMonth, monthOfDate } from '../../../shared/time/calendar'
import type { Role } from '../../../shared/roles'
import { audit } from '../audit/service'
import { newRowMeta, type Ctx } from '../context'
import type { Reader, Writer } from '../db/connection'
import { rosters, rosterSlots } from '../db/schema'
import { rule } from '../errors'
import { newId } from '../ids'
import { leaveRows } from './leave'
import { rosterOf, windowOf, type RosterRecord } from './rosterSlots'
import { dutySettings, nowIso, patternOf, todayOf, touched, type DutySettings } from './settings'

interface SlotDbRow {
  id: string
  date: string
  staffId: string
  staffName: string
  shiftCode: string
  plannedStaffId: string | null
  plannedStaffName: string | null
  leaveId: string | null
}

async function liveSlotsOf(r: Reader, rosterId: string): Promise<SlotDbRow[]> {
  return r.all<SlotDbRow>(
    `SELECT s.id, s.date, s.staff_id AS staffId, st.name AS staffName, s.shift_code AS shiftCode,
            s.planned_staff_id AS plannedStaffId, ps.name AS plannedStaffName, s.leave_id AS leaveId
       FROM roster_slots s JOIN staff st ON st.id = s.staff_id LEFT JOIN staff ps ON ps.id = s.planned_staff_id
      WHERE s.roster_id = ? AND s.deleted_at IS NULL ORDER BY s.date, st.staff_no`,
    [rosterId],
  )
}

async function rosterStaff(r: Reader, extraIds: Set<string>): Promise<RosterStaff[]> {
  const rows = await r.all<{ id: string; staffNo: string; name: string; roles: string; active: number }>(
    'SELECT id, staff_no AS staffNo, name, roles, active FROM staff WHERE deleted_at IS NULL ORDER BY staff_no',
  )
  return rows
    .map((s) => ({ id: s.id, staffNo: s.staffNo, name: s.name, roles: JSON.parse(s.roles) as Role[], active: !!s.active }))
    .filter((s) => extraIds.has(s.id) || (s.active && s.roles.some((x) => DUTY_ROLES.includes(x))))
}

export async function rosterView(r: Reader, settings: DutySettings, month: string): Promise<RosterView> {
  const roster = await rosterOf(r, month)
  const dbSlots = roster ? await liveSlotsOf(r, roster.id) : []
  const slots: RosterSlot[] = dbSlots.map((s) => {
    const w = windowOf(settings, s)
    return { ...s, shiftName: patternOf(settings, s.shiftCode)?.name ?? '', startsAt: w?.startsAt ?? null, endsAt: w?.endsAt ?? null }
  })
  const dates = datesOfMonth(month)
  const filled = new Set(slots.map((s) => s.date))
  const publishedBy = roster?.publishedBy
    ? (await r.get<{ name: string }>('SELECT name FROM staff WHERE id = ?', [roster.publishedBy]))?.name ?? null
    : null
  return {
    month,
    status: (roster?.status as 'draft' | 'published' | undefined) ?? 'none',
    publishedAt: roster?.publishedAt ?? null,
    publishedByName: publishedBy,
    printable: roster?.status === 'published',
    dates,
    emptyDays: roster ? dates.filter((d) => !filled.has(d)) : [],
    shifts: settings.shifts,
    staff: await rosterStaff(r, new Set(slots.map((s) => s.staffId))),
    slots,
    changes: await leaveRows(r, settings, "l.status = 'approved' AND l.date LIKE ?", [`${month}-%`]),
  }
}

export async function getRoster(ctx: Ctx, month: string): Promise<RosterView> {
  return rosterView(ctx.db.read, await dutySettings(ctx.db.read), month)
}

/** The draft of a month that may still be edited: not in the past, not yet published. */
async function draftFor(w: Writer, ctx: Ctx, settings: DutySettings, month: string): Promise<RosterRecord> {
  if (month < monthOfDate(todayOf(ctx, settings.timeZone))) throw rule(`${month} 已过去,不能再修改排班表`, 'month')
  const cur = await rosterOf(w, month)
  if (cur?.status === 'published') throw rule(`${month} 排班表已发布,不能再修改;变更请走请假/调休/替班/换班审批`, 'month')
  if (cur) return cur
  const row = { ...newRowMeta(ctx, newId()), month, status: 'draft', publishedAt: null, publishedBy: null }
  await w.orm.insert(rosters).values(row)
  return row
}

interface Cell {
  date: string
  staffId: string
  shiftCode: string
}

/** Makes the draft's live cells equal `cells`: keeps, changes, adds, soft-deletes. */
async function replaceCells(w: Writer, ctx: Ctx, rosterId: string, cells: Cell[]) {
  const live = await w.all<{ id: string; date: string; staffId: string; shiftCode: string }>(
    'SELECT id, date, staff_id AS staffId, shift_code AS shiftCode FROM roster_slots WHERE roster_id = ? AND deleted_at IS NULL',
    [rosterId],
  )
  const byKey = new Map(live.map((s) => [`${s.date}|${s.staffId}`, s]))
  let added = 0
  let changed = 0
  let removed = 0
  const keep = new Set<string>()
  for (const c of cells) {
    const k = `${c.date}|${c.staffId}`
    keep.add(k)
    const cur = byKey.get(k)
    if (!cur) {
      await w.orm.insert(rosterSlots).values({ ...newRowMeta(ctx, newId()), rosterId, date: c.date, staffId: c.staffId, shiftCode: c.shiftCode, plannedStaffId: null, leaveId: null, removedByLeaveId: null })
      added++
    } else if (cur.shiftCode !== c.shiftCode) {
      await w.orm.update(rosterSlots).set({ shiftCode: c.shiftCode, ...touched(ctx) }).where(eq(rosterSlots.id, cur.id))
      changed++
    }
  }
  for (const s of live) {
    if (keep.has(`${s.date}|${s.staffId}`)) continue
    await w.orm.update(rosterSlots).set({ deletedAt: nowIso(ctx), ...touched(ctx) }).where(eq(rosterSlots.id, s.id))
    removed++
  }
  return { added, changed, removed }
}

async function checkCells(w: Writer, settings: DutySettings, month: string, cells: Cell[]) {
  const people = new Map(
    (await w.all<{ id: string; name: string; active: number }>('SELECT id, name, active FROM staff WHERE deleted_at IS NULL')).map((s) => [s.id, s]),
  )
  const seen = new Set<string>()
  cells.forEach((c, i) => {
    if (monthOfDate(c.date) !== month) throw rule(`第${i + 1}格的日期 ${c.date} 不在 ${month}`, `cells.${i}.date`)
    if (!patternOf(settings, c.shiftCode)) throw rule(`第${i + 1}格的班次 ${c.shiftCode} 不存在,请先在项目设置中添加`, `cells.${i}.shiftCode`)
    const p = people.get(c.staffId)
    if (!p || !p.active) throw rule(`第${i + 1}格的员工不存在或已停用`, `cells.${i}.staffId`)
    const k = `${c.date}|${c.staffId}`
    if (seen.has(k)) throw rule(`${p.name} 在 ${c.date} 排了两个班次,同一人同一天只能排一个班次`, `cells.${i}`)
    seen.add(k)
  })
}

export async function saveDraft(ctx: Ctx, input: z.output<typeof rosterSaveDraftInput>): Promise<RosterView> {
  const settings = await dutySettings(ctx.db.read)
  await ctx.db.tx(async (w) => {
    await checkCells(w, settings, input.month, input.cells)
    const roster = await draftFor(w, ctx, settings, input.month)
    const n = await replaceCells(w, ctx, roster.id, input.cells)
    await w.orm.update(rosters).set(touched(ctx)).where(eq(rosters.id, roster.id))
    await audit(w, ctx, { action: 'roster.saveDraft', entity: 'roster', entityId: roster.id, summary: `保存 ${input.month} 排班表草稿:新增${n.added}格,修改${n.changed}格,删除${n.removed}格`, changes: n })
  })
  return rosterView(ctx.db.read, settings, input.month)
}

/** Copies last month's plan (as planned, before leave changes) by day of month into this month's draft. */
export async function copyPrevious(ctx: Ctx, month: string): Promise<RosterView> {
  const settings = await dutySettings(ctx.db.read)
  const prevMonth = addMonthsToMonth(month, -1)
  await ctx.db.tx(async (w) => {
    const prev = await rosterOf(w, prevMonth)
    const plan = prev
      ? await w.all<{ date: string; staffId: string; shiftCode: string }>(
          `SELECT s.date, s.staff_id AS staffId, s.shift_code AS shiftCode FROM roster_slots s JOIN staff st ON st.id = s.staff_id
            WHERE s.roster_id = ? AND s.leave_id IS NULL AND (s.deleted_at IS NULL OR s.removed_by_leave_id IS NOT NULL) AND st.active = 1`,
          [prev.id],
        )
      : []
    if (!plan.length) throw rule(`${prevMonth} 没有排班表可复制`, 'month')
    const dates = new Set(datesOfMonth(month))
    const cells = plan
      .map((s) => ({ ...s, date: `${month}-${s.date.slice(8, 10)}` }))
      .filter((c) => dates.has(c.date) && patternOf(settings, c.shiftCode))
    const roster = await draftFor(w, ctx, settings, month)
    const n = await replaceCells(w, ctx, roster.id, cells)
    await audit(w, ctx, { action: 'roster.copyPrevious', entity: 'roster', entityId: roster.id, summary: `复制 ${prevMonth} 排班为 ${month} 草稿(${cells.length}格)`, changes: n })
  })
  return rosterView(ctx.db.read, settings, month)
}

export async function publishRoster(ctx: Ctx, month: string): Promise<RosterView> {
  const settings = await dutySettings(ctx.db.read)
  await ctx.db.tx(async (w) => {
    const roster = await rosterOf(w, month)
    if (!roster) throw rule(`${month} 还没有排班表草稿`, 'month')
    if (roster.status === 'published') throw rule(`${month} 排班表已发布`, 'month')
    const n = (await w.get<{ n: number }>('SELECT count(*) AS n FROM roster_slots WHERE roster_id = ? AND deleted_at IS NULL', [roster.id]))!.n
    if (!n) throw rule(`${month} 排班表是空的,不能发布`, 'month')
    const at = nowIso(ctx)
    await w.orm.update(rosters).set({ status: 'published', publishedAt: at, publishedBy: ctx.staff!.id, ...touched(ctx) }).where(eq(rosters.id, roster.id))
    await audit(w, ctx, { action: 'roster.publish', entity: 'roster', entityId: roster.id, summary: `发布 ${month} 排班表(${n}格)` })
  })
  return rosterView(ctx.db.read, settings, month)
}

/** From the 20th until next month's roster is published; overdue after the 25th (每月25日前拟定下月排班表). */
export async function rosterReminder(ctx: Ctx): Promise<RosterReminder> {
  const settings = await dutySettings(ctx.db.read)
  const today = todayOf(ctx, settings.timeZone)
  const next = addMonthsToMonth(monthOfDate(today), 1)
  const roster = await rosterOf(ctx.db.read, next)
  const status = (roster?.status as 'draft' | 'published' | undefined) ?? 'none'
  const day = Number(today.slice(8, 10))
  const dueDate = `${monthOfDate(today)}-${String(ROSTER_DUE_DAY).padStart(2, '0')}`
  const show = day >= ROSTER_REMIND_FROM_DAY && status !== 'published'
  const overdue = show && day > ROSTER_DUE_DAY
  const message = !show
    ? null
    : overdue
      ? `${next} 排班表应于 ${dueDate} 前完成,至今尚未发布`
      : `请在 ${dueDate} 前完成并发布 ${next} 排班表(当前:${status === 'draft' ? '草稿' : '未开始'})`
  return { show, month: next, dueDate, overdue, status, message }
}
