import type { ShiftWindow } from '../../../shared/duty/shiftWindow'
import type { z } from 'zod'
import { atCustodyDesk, custodyOnStart, isOverdue, startRefusal, type OnDutyShift } from '../../../shared/duty/handoverRules'
import type { DutyCurrent, DutyShiftRow, dutyListInput, dutyStartInput, OverdueShift } from '../../../shared/duty/logSchema'
import { audit } from '../audit/service'
import { newRowMeta, type Ctx } from '../context'
import type { Reader } from '../db/connection'
import { dutyShifts } from '../db/schema'
import { DeskError, notFound, rule } from '../errors'
import { newId } from '../ids'
import { confirmOverride } from './pinCheck'
import { custodyDesk } from './custodyDesk'
import { patternWindowNear, rosteredNow, rosteredSlotAt } from './rosterSlots'
import { dutySettings, nowIso, dateRange } from './settings'

interface ShiftDbRow extends Omit<DutyShiftRow, 'rostered' | 'status' | 'custody'> {
  rostered: number
  custody: number
  status: 'open' | 'closed'
}

const SHIFT_SELECT = `SELECT d.id, d.date, d.shift_code AS shiftCode, d.shift_name AS shiftName, d.starts_at AS startsAt, d.ends_at AS endsAt,
  d.staff_id AS staffId, s.name AS staffName, d.status, d.opened_at AS openedAt, d.closed_at AS closedAt, d.rostered,
  o.name AS overrideByName, d.override_reason AS overrideReason, d.opened_by_handover_id AS openedByHandoverId,
  d.closed_by_handover_id AS closedByHandoverId, d.custody
  FROM duty_shifts d JOIN staff s ON s.id = d.staff_id LEFT JOIN staff o ON o.id = d.override_by`

const toRow = (d: ShiftDbRow): DutyShiftRow => ({ ...d, rostered: !!d.rostered, custody: !!d.custody })

export async function shiftRow(r: Reader, id: string): Promise<DutyShiftRow> {
  const d = await r.get<ShiftDbRow>(`${SHIFT_SELECT} WHERE d.id = ?`, [id])
  if (!d) throw notFound('班次')
  return toRow(d)
}

/** Everyone on duty now (one open shift per person), earliest start first. */
export async function openShifts(r: Reader): Promise<DutyShiftRow[]> {
  const rows = await r.all<ShiftDbRow>(`${SHIFT_SELECT} WHERE d.status = 'open' AND d.deleted_at IS NULL ORDER BY d.starts_at, d.opened_at, d.id`)
  return rows.map(toRow)
}

/** This person's open shift, if they are on duty. */
export async function openShiftOf(r: Reader, staffId: string): Promise<DutyShiftRow | null> {
  // Two open shifts of one person only after terminals cut off from each other met: the older first.
  const d = await r.get<ShiftDbRow>(`${SHIFT_SELECT} WHERE d.status = 'open' AND d.deleted_at IS NULL AND d.staff_id = ? ORDER BY d.starts_at, d.opened_at, d.id LIMIT 1`, [staffId])
  return d ? toRow(d) : null
}

export const onDutyOf = (shifts: DutyShiftRow[]): OnDutyShift[] => shifts.map((s) => ({ id: s.id, staffId: s.staffId, staffName: s.staffName, custody: s.custody }))

/** A closing of the desk signed by the last clerk and not yet accepted by the next one. */
export async function awaitingClose(r: Reader): Promise<DutyCurrent['awaitingClose']> {
  const h = await r.get<NonNullable<DutyCurrent['awaitingClose']>>(
    `SELECT h.id, s.name AS outgoingName, h.closed_at AS closedAt, d.date, d.shift_name AS shiftName
       FROM handovers h JOIN staff s ON s.id = h.outgoing_staff_id JOIN duty_shifts d ON d.id = h.outgoing_shift_id
      WHERE h.kind = 'dayClose' AND h.status = 'closed' AND h.deleted_at IS NULL ORDER BY h.closed_at DESC LIMIT 1`,
  )
  return h ?? null
}

export async function currentDuty(ctx: Ctx): Promise<DutyCurrent> {
  const r = ctx.db.read
  const settings = await dutySettings(r)
  const me = ctx.staff!.id
  const onDuty = await openShifts(r)
  const shift = onDuty.find((s) => s.staffId === me) ?? null
  const h = await r.get<NonNullable<DutyCurrent['handover']>>(
    `SELECT h.id, h.kind, o.name AS outgoingName, s.name AS incomingName, h.started_at AS startedAt FROM handovers h
       JOIN staff o ON o.id = h.outgoing_staff_id LEFT JOIN staff s ON s.id = h.incoming_staff_id
      WHERE h.status IN ('draft', 'closed') AND h.deleted_at IS NULL AND (h.outgoing_shift_id = ? OR (h.incoming_staff_id = ? AND h.status = 'draft'))
      ORDER BY h.outgoing_shift_id = ? DESC LIMIT 1`,
    [shift?.id ?? '', me, shift?.id ?? ''],
  )
  return {
    shift,
    handover: h ?? null,
    overdue: !!shift && isOverdue(shift, settings.graceMinutes, ctx.now()),
    onDuty,
    awaitingClose: await awaitingClose(r),
    rostered: await rosteredNow(r, settings, ctx.now()),
    custodyDesk: await custodyDesk(r).then((d) => (d ? { name: d.name, here: d.id === ctx.terminalId } : null)),
  }
}

const refuse = (x: { code: 'RULE' | 'CONFLICT'; field: string; message: string }) => new DeskError(x.code, x.message, x.field)

/**
 * Starts the caller's own duty (each clerk on duty has their own shift and logs under it). The
 * caller must be rostered now, or a supervisor authorises with their own staff number and PIN.
 * The first on duty when nobody holds the desk's items takes custody. While a closing of the desk
 * waits to be accepted, the next clerk accepts it instead (that opens their shift).
 */
export async function startDuty(ctx: Ctx, input: z.output<typeof dutyStartInput>): Promise<DutyShiftRow> {
  const settings = await dutySettings(ctx.db.read)
  const me = ctx.staff!
  const pre = startRefusal(me, onDutyOf(await openShifts(ctx.db.read)), await awaitingClose(ctx.db.read))
  if (pre) throw refuse(pre)
  const now = ctx.now()
  const slot = await rosteredSlotAt(ctx.db.read, settings, me.id, now)
  let window: ShiftWindow | null = slot?.window ?? null
  let sup = null
  if (!slot) {
    if (!input?.override) throw rule(`${me.name} 不在当前班次的排班表上,需客服主管授权(主管工号+PIN,并说明原因)`, 'override')
    sup = await confirmOverride(ctx, input.override, me.id)
    window = patternWindowNear(settings, now, input.shiftCode)
    if (!window) throw rule(`班次 ${input.shiftCode} 不存在`, 'shiftCode')
  }
  const id = newId()
  return ctx.db.tx(async (w) => {
    const onDuty = onDutyOf(await openShifts(w))
    const again = startRefusal(me, onDuty, await awaitingClose(w))
    if (again) throw refuse(again)
    // With several terminals only the one beside the desk's items gives custody out (custodyDesk.ts).
    const custody = custodyOnStart(onDuty) && atCustodyDesk(ctx.terminalId, await custodyDesk(w))
    await w.orm.insert(dutyShifts).values({
      ...newRowMeta(ctx, id),
      date: window!.date,
      shiftCode: window!.code,
      shiftName: window!.name,
      startsAt: window!.startsAt,
      endsAt: window!.endsAt,
      staffId: me.id,
      status: 'open',
      openedAt: nowIso(ctx),
      rostered: !!slot,
      overrideBy: sup?.id ?? null,
      overrideReason: sup ? input!.override!.reason : null,
      openedByHandoverId: null,
      closedAt: null,
      closedByHandoverId: null,
      custody,
    })
    await audit(w, ctx, {
      action: 'duty.start',
      entity: 'dutyShift',
      entityId: id,
      summary: `${me.name} 开始值班:${window!.date} ${window!.name}${custody ? ',保管前台物品' : ''}${sup ? `(未排班,客服主管 ${sup.name} 授权:${input!.override!.reason})` : ''}`,
    })
    return shiftRow(w, id)
  })
}

export async function listShifts(ctx: Ctx, input: z.output<typeof dutyListInput>): Promise<DutyShiftRow[]> {
  const where: string[] = ['d.deleted_at IS NULL']
  const params: unknown[] = []
  dateRange('d.date', input, where, params)
  const rows = await ctx.db.read.all<ShiftDbRow>(`${SHIFT_SELECT} WHERE ${where.join(' AND ')} ORDER BY d.starts_at DESC LIMIT 500`, params)
  return rows.map(toRow)
}

/**
 * Every open shift past its end plus the site's grace period (接班人逾时未到岗): flagged to the
 * supervisor. A closed desk waiting for the morning is not overdue: no shift is open.
 */
export async function overdueShifts(ctx: Ctx): Promise<OverdueShift[]> {
  const settings = await dutySettings(ctx.db.read)
  const now = ctx.now()
  const out: OverdueShift[] = []
  for (const shift of await openShifts(ctx.db.read)) {
    if (!isOverdue(shift, settings.graceMinutes, now)) continue
    const h = await ctx.db.read.get<{ id: string }>(`SELECT id FROM handovers WHERE outgoing_shift_id = ? AND status = 'draft' AND deleted_at IS NULL`, [shift.id])
    out.push({
      shiftId: shift.id,
      date: shift.date,
      shiftName: shift.shiftName,
      staffId: shift.staffId,
      staffName: shift.staffName,
      endsAt: shift.endsAt,
      overdueMinutes: Math.floor((now.getTime() - new Date(shift.endsAt).getTime()) / 60_000),
      handoverId: h?.id ?? null,
    })
  }
  return out
}
