import type { ShiftWindow } from '../../../shared/duty/time'
import type { z } from 'zod'
import type { DutyCurrent, DutyShiftRow, dutyListInput, dutyStartInput, OverdueShift } from '../../../shared/duty/logSchema'
import { audit } from '../audit/service'
import { newRowMeta, type Ctx } from '../context'
import type { Reader } from '../db/connection'
import { dutyShifts } from '../db/schema'
import { conflict, notFound, rule } from '../errors'
import { newId } from '../ids'
import { confirmOverride } from './pinCheck'
import { patternWindowNear, rosteredNow, rosteredSlotAt } from './rosterSlots'
import { dutySettings, nowIso, type DutySettings, dateRange } from './settings'

interface ShiftDbRow extends Omit<DutyShiftRow, 'rostered' | 'status'> {
  rostered: number
  status: 'open' | 'closed'
}

const SHIFT_SELECT = `SELECT d.id, d.date, d.shift_code AS shiftCode, d.shift_name AS shiftName, d.starts_at AS startsAt, d.ends_at AS endsAt,
  d.staff_id AS staffId, s.name AS staffName, d.status, d.opened_at AS openedAt, d.closed_at AS closedAt, d.rostered,
  o.name AS overrideByName, d.override_reason AS overrideReason, d.opened_by_handover_id AS openedByHandoverId,
  d.closed_by_handover_id AS closedByHandoverId
  FROM duty_shifts d JOIN staff s ON s.id = d.staff_id LEFT JOIN staff o ON o.id = d.override_by`

const toRow = (d: ShiftDbRow): DutyShiftRow => ({ ...d, rostered: !!d.rostered })

export async function shiftRow(r: Reader, id: string): Promise<DutyShiftRow> {
  const d = await r.get<ShiftDbRow>(`${SHIFT_SELECT} WHERE d.id = ?`, [id])
  if (!d) throw notFound('班次')
  return toRow(d)
}

/** The one open duty shift at the desk, if any. */
export async function openShift(r: Reader): Promise<DutyShiftRow | null> {
  const d = await r.get<ShiftDbRow>(`${SHIFT_SELECT} WHERE d.status = 'open' AND d.deleted_at IS NULL`)
  return d ? toRow(d) : null
}

export const isOverdue = (shift: { endsAt: string }, settings: DutySettings, now: Date) =>
  now.getTime() > new Date(shift.endsAt).getTime() + settings.graceMinutes * 60_000

export async function currentDuty(ctx: Ctx): Promise<DutyCurrent> {
  const r = ctx.db.read
  const settings = await dutySettings(r)
  const shift = await openShift(r)
  const h = shift
    ? await r.get<{ id: string; incomingName: string | null; startedAt: string }>(
        `SELECT h.id, s.name AS incomingName, h.started_at AS startedAt FROM handovers h LEFT JOIN staff s ON s.id = h.incoming_staff_id
          WHERE h.outgoing_shift_id = ? AND h.status = 'draft' AND h.deleted_at IS NULL`,
        [shift.id],
      )
    : undefined
  return {
    shift,
    handover: h ?? null,
    overdue: !!shift && isOverdue(shift, settings, ctx.now()),
    rostered: await rosteredNow(r, settings, ctx.now()),
  }
}

/**
 * Opens the desk's duty for the caller when no shift is open (the first shift, or after a gap).
 * The caller must be rostered now, or a supervisor authorises with their own staff number and PIN.
 * Afterwards shifts open only through a signed handover.
 */
export async function startDuty(ctx: Ctx, input: z.output<typeof dutyStartInput>): Promise<DutyShiftRow> {
  const settings = await dutySettings(ctx.db.read)
  const me = ctx.staff!
  const open = await openShift(ctx.db.read)
  if (open) throw conflict(`${open.staffName} 的${open.shiftName}尚未交接,请通过交接班接班`, 'shift')
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
  await ctx.db.tx(async (w) => {
    if (await openShift(w)) throw conflict('已有值班班次,请通过交接班接班', 'shift')
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
    })
    await audit(w, ctx, {
      action: 'duty.start',
      entity: 'dutyShift',
      entityId: id,
      summary: `${me.name} 开始值班:${window!.date} ${window!.name}${sup ? `(未排班,客服主管 ${sup.name} 授权:${input!.override!.reason})` : ''}`,
    })
  })
  return shiftRow(ctx.db.read, id)
}

export async function listShifts(ctx: Ctx, input: z.output<typeof dutyListInput>): Promise<DutyShiftRow[]> {
  const where: string[] = ['d.deleted_at IS NULL']
  const params: unknown[] = []
  dateRange('d.date', input, where, params)
  const rows = await ctx.db.read.all<ShiftDbRow>(`${SHIFT_SELECT} WHERE ${where.join(' AND ')} ORDER BY d.starts_at DESC LIMIT 500`, params)
  return rows.map(toRow)
}

/** Open shifts past their end plus the site's grace period (接班人逾时未到岗): flagged to the supervisor. */
export async function overdueShifts(ctx: Ctx): Promise<OverdueShift[]> {
  const settings = await dutySettings(ctx.db.read)
  const now = ctx.now()
  const shift = await openShift(ctx.db.read)
  if (!shift || !isOverdue(shift, settings, now)) return []
  const h = await ctx.db.read.get<{ id: string }>(`SELECT id FROM handovers WHERE outgoing_shift_id = ? AND status = 'draft' AND deleted_at IS NULL`, [shift.id])
  return [
    {
      shiftId: shift.id,
      date: shift.date,
      shiftName: shift.shiftName,
      staffId: shift.staffId,
      staffName: shift.staffName,
      endsAt: shift.endsAt,
      overdueMinutes: Math.floor((now.getTime() - new Date(shift.endsAt).getTime()) / 60_000),
      handoverId: h?.id ?? null,
    },
  ]
}
